"""The result kinds generated from TensorFlow itself, with their hand-kept overrides.

``hybridize/models/tensorflow_api.json`` is written by ``scripts/generate_tf_model.py`` from the
installed TensorFlow (the analysis never imports it); ``tensorflow_overrides.json`` corrects
what it cannot derive, and wins. The Java front end (``GeneratedApiModel``) reads the same
files the same way; this side answers the same questions for reports and tests.

Kinds are names of ``value_kinds`` (``ValueKind``). A Python container of tensors is read as a
tensor (its elements, and the whole passed to a parameter, are tensors), and ``other`` is a
known non-tensor: no kind (None), which the hand-kept patterns do not override.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from hybridize.bridge.value_kinds import ValueKind


@dataclass(frozen=True)
class Known:
    """What the model says of a name: a kind, or None for a known non-tensor (``other``)."""

    kind: ValueKind | None


def analysis_kind(generated: str) -> ValueKind | None:
    if generated == "tensor_container":
        return ValueKind.TENSOR
    return None if generated == "other" else ValueKind(generated)


@dataclass(frozen=True, eq=False)
class GeneratedModel:
    #: The TensorFlow and Keras versions the model was generated from.
    generated_from: dict[str, str] = field(default_factory=dict)
    functions: dict[str, Known] = field(default_factory=dict)
    #: By receiver kind: method name -> what calling it returns.
    methods: dict[ValueKind, dict[str, Known]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, generated: dict[str, Any], overrides: dict[str, Any]) -> GeneratedModel:
        functions = _kinds(generated["functions"], set())
        methods: dict[ValueKind, dict[str, Known]] = {}
        clashes: dict[ValueKind, set[str]] = {}
        for spec in generated["methods"].values():
            receiver = ValueKind(spec["receiver"])
            _merge(methods.setdefault(receiver, {}), _kinds(spec["calls"], set()),
                   clashes.setdefault(receiver, set()))
        for cls_path, names in overrides.get("methods", {}).items():
            if cls_path.startswith("_") or cls_path not in generated["methods"]:
                continue
            receiver = ValueKind(generated["methods"][cls_path]["receiver"])
            methods.setdefault(receiver, {}).update(_overrides(names))
        functions.update(_overrides(overrides.get("functions", {})))
        return cls(dict(generated.get("generated_from", {})), functions, methods)

    def function(self, api: str) -> Known | None:
        """What calling ``api`` (a canonical path) returns; None if the model is silent."""
        return self.functions.get(api)

    def method(self, receiver: ValueKind, name: str) -> Known | None:
        known = self.methods.get(receiver, {}).get(name)
        if known is None and receiver is ValueKind.VARIABLE:
            return self.method(ValueKind.TENSOR, name)
        return known


def _kinds(table: dict[str, Any], clashes: set[str]) -> dict[str, Known]:
    out: dict[str, Known] = {}
    for kind, by_source in table["kinds"].items():
        known = Known(analysis_kind(kind))
        for names in by_source.values():
            _merge(out, dict.fromkeys(names, known), clashes)
    return out


def _merge(into: dict[str, Known], new: dict[str, Known], clashes: set[str]) -> None:
    """Adds ``new`` to ``into``; a name given two different kinds is left out for good."""
    for name, known in new.items():
        if name in clashes:
            continue
        if into.setdefault(name, known) != known:
            clashes.add(name)
            del into[name]


def _overrides(entries: dict[str, Any]) -> dict[str, Known]:
    return {name: Known(analysis_kind(spec["kind"])) for name, spec in entries.items()
            if not name.startswith("_")}


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("hybridize").joinpath(f"models/{name}").read_text("utf-8"))
    return data


@cache
def generated_model() -> GeneratedModel:
    """The bundled generated model with its overrides."""
    return GeneratedModel.from_json(_read("tensorflow_api.json"), _read("tensorflow_overrides.json"))
