"""The fixture programs under ``fixtures/`` and their expectations (``expected.json``).

``expected.json``::

    {"description": "...",
     "settings": {"speculative": false},           # optional AnalysisSettings overrides
     "functions": {QUALIFIED_NAME: {"hybrid": bool, "tensor": bool, "primitive": bool,
                                    "side_effects": bool, "recursive": bool,
                                    "verdict": "P1" | "P2" | "P3" | null,
                                    "failures": [FailureKind names],
                                    "assumptions": [attributes decided speculatively],
                                    "rules": [names of the hazard rules that fail],
                                    "info": [the report's info lines],
                                    "input_signature": [{"shape", "dtype"}] | null,
                                    "input_signature_reason": "why there is none" | null}},
     "dynamic_inputs": {QUALIFIED_NAME: "Python expression: list of arguments"},
     "variants": {LABEL: {"settings": {"tensorflow": "2.15"},      # optional: the same
                          "functions": {QUALIFIED_NAME: {...}},    # program analysed again
                          "dynamic_xfail": {QUALIFIED_NAME: null}}},
     "xfail": "why the front end cannot handle this yet"}   # optional

Every function of the fixture must be listed; ``assumptions``, ``rules``, ``info``,
``input_signature`` and ``input_signature_reason`` are
checked when present. A variant's settings, function expectations and dynamic xfails (null: none)
override the fixture's own: one program, expectations per TensorFlow/Keras generation (each
proven under that generation).
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hybridize.settings import AnalysisSettings

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class FixtureCase:
    name: str
    root: Path
    expected: dict[str, Any]

    @property
    def functions(self) -> dict[str, dict[str, Any]]:
        return self.expected["functions"]

    def modules(self) -> set[str]:
        """Top-level module names of the fixture (to unload between fixtures)."""
        return {p.relative_to(self.root).parts[0].removesuffix(".py")
                for p in self.root.rglob("*.py")}

    def module_of(self, qualified: str) -> tuple[str, str]:
        """(relative file, qualified name inside it) of a function."""
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = parts[:cut]
            for candidate in ("/".join(module) + ".py", "/".join(module) + "/__init__.py"):
                if (self.root / candidate).is_file():
                    return candidate, ".".join(parts[cut:])
        raise LookupError(f"{qualified}: no module file in {self.root}")


@dataclass(frozen=True)
class Variant:
    """One analysis of a fixture: its settings and what every function must come out as."""

    case: FixtureCase
    #: "" for the fixture as it is; else the key under ``variants``.
    label: str
    settings: dict[str, Any]
    functions: dict[str, dict[str, Any]]
    #: Why the dynamic check of a function is expected to fail under this variant's TensorFlow.
    dynamic_xfail: dict[str, str]

    @property
    def id(self) -> str:
        return f"{self.case.name}@{self.label}" if self.label else self.case.name

    def environment(self) -> dict[str, str]:
        """What a TensorFlow process running this variant needs beside ``os.environ``: the
        Keras generation of its target (Keras 2 through tf_keras, ``TF_USE_LEGACY_KERAS=1``)."""
        return keras_environment(self.analysis_settings().keras)

    def analysis_settings(self) -> AnalysisSettings:
        """The settings, with the target TensorFlow decided as the analysis decides it."""
        modules = [(p.relative_to(self.case.root).as_posix(), ast.parse(p.read_text("utf-8")))
                   for p in sorted(self.case.root.rglob("*.py"))]
        return AnalysisSettings(**self.settings).targeting(self.case.root, modules)


def keras_environment(keras: int) -> dict[str, str]:
    """The environment that makes TensorFlow use Keras generation ``keras`` (2 or 3)."""
    return {"TF_USE_LEGACY_KERAS": "1" if keras == 2 else "0"}


def variants(case: FixtureCase) -> list[Variant]:
    base = case.expected.get("settings", {})
    xfail = case.expected.get("dynamic_xfail", {})
    found = [Variant(case, "", base, case.functions, xfail)]
    for label, spec in case.expected.get("variants", {}).items():
        overrides = spec.get("functions", {})
        reasons = {**xfail, **spec.get("dynamic_xfail", {})}
        found.append(Variant(case, label, {**base, **spec.get("settings", {})},
                             {name: {**want, **overrides.get(name, {})}
                              for name, want in case.functions.items()},
                             {name: why for name, why in reasons.items() if why}))
    return found


def all_cases() -> list[FixtureCase]:
    return [FixtureCase(p.name, p, json.loads((p / "expected.json").read_text("utf-8")))
            for p in sorted(FIXTURES.iterdir()) if (p / "expected.json").is_file()]
