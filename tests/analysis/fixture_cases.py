"""The fixture programs under ``fixtures/`` and their expectations (``expected.json``).

``expected.json``::

    {"description": "...",
     "settings": {"speculative": false},           # optional AnalysisSettings overrides
     "functions": {QUALIFIED_NAME: {"hybrid": bool, "tensor": bool, "primitive": bool,
                                    "side_effects": bool, "recursive": bool,
                                    "verdict": "P1" | "P2" | "P3" | null,
                                    "failures": [FailureKind names],
                                    "assumptions": [attributes decided speculatively],
                                    "rules": [names of the hazard rules that fail]}},
     "dynamic_inputs": {QUALIFIED_NAME: "Python expression: list of arguments"},
     "xfail": "why the front end cannot handle this yet"}   # optional

Every function of the fixture must be listed; ``assumptions`` and ``rules`` are checked when
present.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def all_cases() -> list[FixtureCase]:
    return [FixtureCase(p.name, p, json.loads((p / "expected.json").read_text("utf-8")))
            for p in sorted(FIXTURES.iterdir()) if (p / "expected.json").is_file()]
