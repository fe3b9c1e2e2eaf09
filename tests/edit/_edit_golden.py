"""Golden cases: `golden/<case>/input.py`, `expected.py` and `requests.json`.

`requests.json` maps a function's path inside the module (`Class.method`) to the
transformation to apply; the `def` line is looked up in the file itself.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from hybridize.edit import EditRequest
from hybridize.report import Transformation

GOLDEN = Path(__file__).parent / "golden"
MODULE = "golden_input"


@dataclass(frozen=True)
class GoldenCase:
    name: str
    input: bytes
    expected: bytes
    #: Function path inside the module -> transformation.
    transformations: dict[str, Transformation]

    def requests(self, source: bytes) -> list[EditRequest]:
        lines = def_lines(source)
        return [
            EditRequest(lines[path], f"{MODULE}.{path}", transformation)
            for path, transformation in self.transformations.items()
        ]


def golden_cases() -> list[GoldenCase]:
    return [
        GoldenCase(
            directory.name,
            (directory / "input.py").read_bytes(),
            (directory / "expected.py").read_bytes(),
            {
                path: Transformation(value)
                for path, value in json.loads(
                    (directory / "requests.json").read_text(encoding="utf-8")
                ).items()
            },
        )
        for directory in sorted(GOLDEN.iterdir())
        if directory.is_dir()
    ]


def def_lines(source: bytes) -> dict[str, int]:
    """Line of the `def` of every function, keyed by its dotted path in the module."""
    found: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                path = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    found[path] = child.lineno
                visit(child, f"{path}.")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found
