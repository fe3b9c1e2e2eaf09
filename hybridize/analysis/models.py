"""The TensorFlow API model: the part the Python side reads.

The model is data (``hybridize/models/tensorflow.json``), bundled into the Java front end,
which reads most of it: what library calls return (``returns``, ``methods``,
``python_builtins``), Keras base classes, TensorFlow state changes and Python I/O
(``python_effects``). Python reads only what its own steps need:

    value_kinds                 the one vocabulary of value kinds (``ValueKind``)
    returns                     hand-kept result kinds, consulted after the ones generated
                                from TensorFlow (``generated_model.py``)
    aliases                     ``keras.x`` is read as ``tensorflow.keras.x``
    eager_only.*                APIs that need concrete values (rule HAS_EAGER_ONLY_CALLS),
                                and builtins that read a tensor passed to them (``bool(t)``)
    numpy_on_tensors            NumPy APIs that raise on a symbolic tensor (rule 16)
    name_argument.positions     where ops take ``name`` positionally (rule 17)
    speculative.*               type hints, naming conventions and the methods the framework
                                calls (with ``blocked_when_calling``: when adding
                                @tf.function to them is unsafe, and on which Keras
                                generations)

Names are dotted API paths after import aliases are resolved (``tf.constant`` ->
``tensorflow.constant``); a pattern may use ``*`` as in ``fnmatch``.
"""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from hybridize.analysis.generated_model import GeneratedModel, generated_model
from hybridize.bridge.value_kinds import ValueKind


@cache
def _pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled regular expression for a tuple of fnmatch patterns."""
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)")


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return _pattern(patterns).match(name) is not None


def _with_roots(patterns: list[str]) -> tuple[str, ...]:
    """``p.*`` names ``p`` itself too (``sklearn.*``: ``sklearn`` and everything below it), as
    the Java side reads the same lists; fnmatch's ``p.*`` would miss ``p``."""
    return (*patterns, *(p.removesuffix(".*") for p in patterns if p.endswith(".*")))


@dataclass(frozen=True)
class FrameworkMethod:
    """A method the framework calls, and what it passes (``#0`` = first after self)."""

    name: str
    tensor: tuple[str, ...]
    primitive: tuple[str, ...]
    #: Hybridizing it is unsafe when its body calls a value of this kind ...
    blocked_when_calling: ValueKind | None = None
    #: ... for this reason ...
    blocked_reason: str = ""
    #: ... on these Keras generations (``hybridize.parse.target``); empty: on every one ...
    blocked_keras: frozenset[int] = frozenset()
    #: ... unless the called value is of one of these classes (layers that own no weights).
    blocked_except: frozenset[str] = frozenset()


def _framework_methods(speculative: dict[str, Any]) -> dict[str, dict[str, FrameworkMethod]]:
    return {
        family: {
            name: FrameworkMethod(
                name, tuple(spec["tensor"]), tuple(spec["primitive"]),
                ValueKind(spec["blocked_when_calling"]["kind"])
                if "blocked_when_calling" in spec else None,
                spec.get("blocked_when_calling", {}).get("reason", ""),
                frozenset(spec.get("blocked_when_calling", {}).get("keras", ())),
                frozenset(spec.get("blocked_when_calling", {}).get("except", ())))
            for name, spec in methods.items()
            if not name.startswith("_")
        }
        for family, methods in speculative["framework_methods"].items()
        if not family.startswith("_")
    }


@dataclass(frozen=True, eq=False)
class ApiModel:
    aliases: dict[str, str]
    tensor_type_hints: tuple[str, ...]
    primitive_type_hints: tuple[str, ...]
    tensor_parameter_names: tuple[str, ...]
    primitive_parameter_names: tuple[str, ...]
    framework_methods: dict[str, dict[str, FrameworkMethod]]
    eager_only_functions: tuple[str, ...] = ()
    #: By receiver kind: methods that read the value in Python.
    eager_only_methods: dict[ValueKind, frozenset[str]] = field(default_factory=dict)
    #: Builtins that read a tensor passed to them in Python (``bool(t)``).
    eager_only_on_tensors: tuple[str, ...] = ()
    numpy_functions: tuple[str, ...] = ()
    #: NumPy APIs measured to work on symbolic tensors (they read the static shape).
    numpy_symbolic_ok: tuple[str, ...] = ()
    #: Op -> 0-based index of its positional ``name`` parameter.
    name_positions: dict[str, int] = field(default_factory=dict)
    #: Hand-kept result kinds by API pattern, in the order they are tried (as Java's LibraryModel).
    returns: tuple[tuple[ValueKind, tuple[str, ...]], ...] = ()
    generated: GeneratedModel = field(default_factory=GeneratedModel)

    @classmethod
    def from_json(cls, data: dict[str, Any], generated: GeneratedModel | None = None) -> ApiModel:
        generated = generated or GeneratedModel()
        speculative = data["speculative"]
        return cls(
            aliases=dict(data.get("aliases", {})),
            tensor_type_hints=tuple(speculative["tensor_type_hints"]),
            primitive_type_hints=tuple(speculative["primitive_type_hints"]),
            tensor_parameter_names=tuple(speculative["tensor_parameter_names"]),
            primitive_parameter_names=tuple(speculative["primitive_parameter_names"]),
            framework_methods=_framework_methods(speculative),
            eager_only_functions=_with_roots(data["eager_only"]["functions"]),
            eager_only_methods={ValueKind(kind): frozenset(names) for kind, names
                                in data["eager_only"]["methods"].items()},
            eager_only_on_tensors=tuple(data["eager_only"].get("tensor_arguments", ())),
            **_traced_hazards(data),
            returns=tuple((kind, tuple(data["returns"].get(kind.value, ())))
                          for kind in _RETURNS_ORDER),
            generated=generated,
        )

    def canonical(self, dotted: str) -> str:
        """``keras.layers.Dense`` -> ``tensorflow.keras.layers.Dense``."""
        head, _, rest = dotted.partition(".")
        if head in self.aliases:
            return f"{self.aliases[head]}.{rest}" if rest else self.aliases[head]
        return dotted

    def result_kind(self, api: str) -> ValueKind | None:
        """The kind of what calling library API ``api`` returns (as the pointer analysis types
        it): the overrides, then the kinds generated from TensorFlow, then the hand-kept
        ``returns`` patterns; None when silent or known to be no typed value."""
        name = self.canonical(api)
        known = self.generated.function(name)
        if known is not None:
            return known.kind
        return next((kind for kind, patterns in self.returns if _matches(name, patterns)), None)

    def is_eager_only(self, api: str, receiver: ValueKind | None = None) -> bool:
        """Whether calling library API ``api`` (a method of a value of kind ``receiver``, if
        given) needs concrete values, so that it raises when traced."""
        method = api.rpartition(".")[2]
        if receiver is not None and method in self.eager_only_methods.get(receiver, ()):
            return True
        return _matches(self.canonical(api), self.eager_only_functions)

    def is_eager_only_on_tensors(self, api: str) -> bool:
        """Whether builtin ``api`` reads the value of a tensor passed to it (``bool``)."""
        return _matches(self.canonical(api), self.eager_only_on_tensors)

    def is_numpy_on_values(self, api: str) -> bool:
        """Whether NumPy API ``api`` converts its arguments to arrays (raising on a symbolic
        tensor)."""
        api = self.canonical(api)
        return _matches(api, self.numpy_functions) and not _matches(api, self.numpy_symbolic_ok)

    def name_position(self, api: str) -> int | None:
        """The positional index of op ``api``'s ``name`` parameter; None if not modelled."""
        return self.name_positions.get(self.canonical(api))

    def is_tensor_hint(self, api: str) -> bool:
        return _matches(self.canonical(api), self.tensor_type_hints)

    def is_primitive_hint(self, name: str) -> bool:
        return name in self.primitive_type_hints

    def looks_like_tensor(self, parameter: str) -> bool:
        return _matches(parameter, self.tensor_parameter_names)

    def looks_like_primitive(self, parameter: str) -> bool:
        return _matches(parameter, self.primitive_parameter_names)


#: The order Java's LibraryModel tries the hand-kept ``returns`` (Keras objects first: a loss
#: class and a loss function share a module).
_RETURNS_ORDER = (ValueKind.KERAS_OBJECT, ValueKind.TF_OBJECT, ValueKind.VARIABLE,
                  ValueKind.DATASET, ValueKind.TENSOR)


def _traced_hazards(data: dict[str, Any]) -> dict[str, Any]:
    """The model's data for the rules about calls that raise when traced."""
    numpy = data.get("numpy_on_tensors", {})
    positions = data.get("name_argument", {}).get("positions", {})
    return {
        "numpy_functions": tuple(numpy.get("functions", ())),
        "numpy_symbolic_ok": tuple(numpy.get("work_on_symbolic_tensors", ())),
        "name_positions": {api: int(index) for index, apis in positions.items() for api in apis},
    }


def model_data() -> dict[str, Any]:
    """The bundled model's data, as the Java side reads it too."""
    text = resources.files("hybridize").joinpath("models/tensorflow.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def tensorflow_model() -> ApiModel:
    """The bundled model of the TensorFlow API."""
    return ApiModel.from_json(model_data(), generated_model())
