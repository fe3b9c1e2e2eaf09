"""The TensorFlow API model: what library calls return and which of them change state.

The model is data (``hybridize/models/tensorflow.json``) so it can grow without code
changes. Names are dotted API paths after import aliases are resolved
(``tf.constant`` -> ``tensorflow.constant``); a pattern may use ``*`` as in ``fnmatch``.
``keras.x`` is read as ``tensorflow.keras.x`` (see ``aliases``).

Keys:
    returns.{tensor,variable,dataset,keras_object}  APIs whose result has that kind
    methods.<kind>                                  results of methods on values of a kind
    python_builtins                                 what builtins return (read by the Java
                                                    pointer analysis only, which types
                                                    library results from this same file)
    keras_base_classes                              project classes deriving these are Keras
    tensorflow_state_changes.{functions,methods}    TF state changes, not Python side effects
    python_effects.*                                Python I/O, attribute setters, mutation
    eager_only.{functions,methods}                  APIs that need concrete values (raise
                                                    when traced)
    speculative.*                                   type hints, naming conventions and the
                                                    methods the framework calls (with
                                                    ``blocked_when_calling``: when adding
                                                    @tf.function to them is unsafe, and on
                                                    which Keras generations)
"""

from __future__ import annotations

import enum
import fnmatch
import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any


class Kind(enum.Enum):
    """What an abstract value is, as far as hybridization cares."""

    TENSOR = "tensor"
    VARIABLE = "variable"  # a tf.Variable: a tensor that also carries TF state
    DATASET = "dataset"
    KERAS_OBJECT = "keras_object"  # a layer, model, loss or metric: calling it gives tensors
    TF_OBJECT = "tf_object"  # a GradientTape, optimizer, TensorArray: methods give tensors
    PRIMITIVE = "primitive"  # a Python int, float or bool
    CONTAINER = "container"  # a tuple, list or dict, with the values of its elements
    INSTANCE = "instance"  # an object of a project class
    OTHER = "other"


#: Kinds a graph function accepts as tensor arguments.
TENSOR_KINDS = frozenset({Kind.TENSOR, Kind.VARIABLE})
#: Kinds whose state belongs to TensorFlow, not to the Python heap.
TENSORFLOW_KINDS = frozenset({Kind.TENSOR, Kind.VARIABLE, Kind.DATASET, Kind.KERAS_OBJECT,
                              Kind.TF_OBJECT})


@cache
def _pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled regular expression for a tuple of fnmatch patterns."""
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)")


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return _pattern(patterns).match(name) is not None


def _with_roots(patterns: list[str]) -> tuple[str, ...]:
    """``p.*`` names ``p`` itself too (``open.*``: ``open`` and the file's ``open.write``), as
    the Java mod-ref reads the same list; fnmatch's ``p.*`` would miss ``p``."""
    return (*patterns, *(p.removesuffix(".*") for p in patterns if p.endswith(".*")))


@dataclass(frozen=True)
class FrameworkMethod:
    """A method the framework calls, and what it passes (``#0`` = first after self)."""

    name: str
    tensor: tuple[str, ...]
    primitive: tuple[str, ...]
    #: Hybridizing it is unsafe when its body calls a value of this kind ...
    blocked_when_calling: Kind | None = None
    #: ... for this reason ...
    blocked_reason: str = ""
    #: ... on these Keras generations (``hybridize.target``); empty: on every one.
    blocked_keras: frozenset[int] = frozenset()


@dataclass(frozen=True, eq=False)  # hashed by identity: results are cached per model
class ApiModel:
    aliases: dict[str, str]
    returns: dict[Kind, tuple[str, ...]]
    methods: dict[str, dict[str, Any]]
    keras_base_classes: tuple[str, ...]
    callback_base_classes: tuple[str, ...]
    state_functions: tuple[str, ...]
    state_methods: frozenset[str]
    effect_functions: tuple[str, ...]
    mutating_methods: frozenset[str]
    tensor_type_hints: tuple[str, ...]
    primitive_type_hints: tuple[str, ...]
    tensor_parameter_names: tuple[str, ...]
    primitive_parameter_names: tuple[str, ...]
    framework_methods: dict[str, dict[str, FrameworkMethod]]
    eager_only_functions: tuple[str, ...] = ()
    #: By receiver kind (``"tensor"``): methods that read the value in Python.
    eager_only_methods: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ApiModel:
        returns = data["returns"]
        speculative = data["speculative"]
        framework = {
            family: {
                name: FrameworkMethod(
                    name, tuple(spec["tensor"]), tuple(spec["primitive"]),
                    Kind(spec["blocked_when_calling"]["kind"])
                    if "blocked_when_calling" in spec else None,
                    spec.get("blocked_when_calling", {}).get("reason", ""),
                    frozenset(spec.get("blocked_when_calling", {}).get("keras", ())))
                for name, spec in methods.items()
                if not name.startswith("_")
            }
            for family, methods in speculative["framework_methods"].items()
            if not family.startswith("_")
        }
        return cls(
            aliases=dict(data.get("aliases", {})),
            # Keras objects first: a loss class and a loss function share a module.
            returns={kind: tuple(returns.get(kind.value, ())) for kind in (
                Kind.KERAS_OBJECT, Kind.TF_OBJECT, Kind.VARIABLE, Kind.DATASET, Kind.TENSOR)},
            methods=data["methods"],
            keras_base_classes=tuple(data["keras_base_classes"]),
            callback_base_classes=tuple(speculative["callback_base_classes"]),
            state_functions=tuple(data["tensorflow_state_changes"]["functions"]),
            state_methods=frozenset(data["tensorflow_state_changes"]["methods"]),
            effect_functions=_with_roots(data["python_effects"]["functions"])
            + tuple(data["python_effects"]["attribute_setters"]),
            mutating_methods=frozenset(data["python_effects"]["mutating_methods"]),
            tensor_type_hints=tuple(speculative["tensor_type_hints"]),
            primitive_type_hints=tuple(speculative["primitive_type_hints"]),
            tensor_parameter_names=tuple(speculative["tensor_parameter_names"]),
            primitive_parameter_names=tuple(speculative["primitive_parameter_names"]),
            framework_methods=framework,
            eager_only_functions=_with_roots(data["eager_only"]["functions"]),
            eager_only_methods={kind: frozenset(names) for kind, names
                                in data["eager_only"]["methods"].items()},
        )

    def canonical(self, dotted: str) -> str:
        """``keras.layers.Dense`` -> ``tensorflow.keras.layers.Dense``."""
        head, _, rest = dotted.partition(".")
        if head in self.aliases:
            return f"{self.aliases[head]}.{rest}" if rest else self.aliases[head]
        return dotted

    def result_kind(self, api: str) -> Kind | None:
        """The kind of value a call to library API ``api`` returns, if the model knows it."""
        return _result_kind(self, api)

    def _result_kind(self, api: str) -> Kind | None:
        api = self.canonical(api)
        for kind, patterns in self.returns.items():
            if _matches(api, patterns):
                return kind
        return None

    def method_result(self, receiver: Kind, method: str) -> Kind | None:
        """The kind a method call on a value of kind ``receiver`` returns, or None if unknown."""
        if receiver in TENSOR_KINDS:
            spec = self.methods["tensor"]
            # The front end names attribute reads like method results (``api.shape``).
            non_tensor = method in spec["returns_other"] or method in spec["other_attributes"]
            return Kind.OTHER if non_tensor else Kind.TENSOR
        if receiver is Kind.DATASET:
            spec = self.methods["dataset"]
            if method in spec["returns_dataset"]:
                return Kind.DATASET
            return Kind.TENSOR if method in spec["returns_tensor"] else Kind.OTHER
        if receiver is Kind.TF_OBJECT:
            return Kind.TENSOR if method in self.methods["tf_object"]["returns_tensor"] else None
        if receiver is Kind.KERAS_OBJECT:
            spec = self.methods["keras_object"]
            if method in spec["returns_tensor"]:
                return Kind.TENSOR
            return Kind.OTHER if method in spec["returns_other"] else None
        return None

    def attribute_kind(self, receiver: Kind, attribute: str) -> Kind | None:
        if receiver in TENSOR_KINDS:
            return Kind.OTHER if attribute in self.methods["tensor"]["other_attributes"] else None
        if receiver is Kind.KERAS_OBJECT and attribute in self.methods["keras_object"][
                "tensor_attributes"]:
            return Kind.CONTAINER  # of variables
        return None

    def is_keras_base(self, api: str) -> bool:
        return _matches(self.canonical(api), self.keras_base_classes)

    def is_callback_base(self, api: str) -> bool:
        return _matches(self.canonical(api), self.callback_base_classes)

    def is_state_change(self, api: str) -> bool:
        return _matches(self.canonical(api), self.state_functions)

    def is_python_effect(self, api: str) -> bool:
        return _matches(api, self.effect_functions)

    def is_eager_only(self, api: str, receiver: str | None = None) -> bool:
        """Whether calling library API ``api`` (a method of a value of kind ``receiver``, if
        given) needs concrete values, so that it raises when traced."""
        method = api.rpartition(".")[2]
        if receiver is not None and method in self.eager_only_methods.get(receiver, ()):
            return True
        return _matches(self.canonical(api), self.eager_only_functions)

    def is_tensor_hint(self, api: str) -> bool:
        return _matches(self.canonical(api), self.tensor_type_hints)

    def is_primitive_hint(self, name: str) -> bool:
        return name in self.primitive_type_hints

    def looks_like_tensor(self, parameter: str) -> bool:
        return _matches(parameter, self.tensor_parameter_names)

    def looks_like_primitive(self, parameter: str) -> bool:
        return _matches(parameter, self.primitive_parameter_names)


@lru_cache(maxsize=65536)
def _result_kind(model: ApiModel, api: str) -> Kind | None:
    return model._result_kind(api)


@cache
def tensorflow_model() -> ApiModel:
    """The bundled model of the TensorFlow API."""
    text = resources.files("hybridize").joinpath("models/tensorflow.json").read_text("utf-8")
    return ApiModel.from_json(json.loads(text))
