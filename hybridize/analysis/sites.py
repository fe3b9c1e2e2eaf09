"""Whether the code at a source position can run more than once in one process.

A module's top-level statements run once, on import; a function's body runs at every call,
and a loop's body at every iteration. WALA's facts locate allocation sites by file and line;
this reads which of those regions a line falls in from the module's syntax tree (positions
only, nothing is evaluated).
"""

from __future__ import annotations

import ast

from hybridize.parse.project import ProjectSources

_REPEATING = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.For, ast.AsyncFor,
              ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


class RepeatedRegions:
    """Line ranges of function bodies, loops and comprehensions, per file."""

    def __init__(self, sources: ProjectSources) -> None:
        self._regions: dict[str, list[tuple[int, int]]] = {}
        for module in sources.modules:
            self._regions[module.source.relpath] = sorted(
                (node.lineno, node.end_lineno or node.lineno)
                for node in ast.walk(module.tree) if isinstance(node, _REPEATING))

    def may_repeat(self, file: str, line: int) -> bool:
        """Whether code at ``file:line`` may run more than once (unknown files: yes)."""
        regions = self._regions.get(file)
        if regions is None:
            return True
        return any(start <= line <= end for start, end in regions)
