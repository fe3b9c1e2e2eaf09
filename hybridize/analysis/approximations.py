"""Which functions a conservatively translated construct makes undetermined.

The front end translates a construct it does not support (or a class base it cannot
resolve) conservatively and goes on; a write or call inside it may be missing from the call
graph. The function whose own body holds the construct is therefore undetermined, as are
the methods of a class whose header holds it (an unresolved base hides inherited
attributes). Code at module level affects no function's own attributes. Callers of an
undetermined function are handled by the analyses (only a proven effect or cycle counts).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable

from hybridize.parse.functions import FunctionDef
from hybridize.parse.project import ProjectSources
from hybridize.parse.statements import all_statements

_Span = tuple[int, int]


def _span(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> _Span:
    start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return start, node.end_lineno or node.lineno


def _innermost(line: int, spans: Iterable[_Span]) -> _Span | None:
    """The innermost span containing ``line``: nested spans start later."""
    holding = [s for s in spans if s[0] <= line <= s[1]]
    return max(holding, default=None)


def approximated_functions(sources: ProjectSources, functions: Iterable[FunctionDef],
                           locations: Iterable[tuple[str, int]]) -> set[str]:
    lines_by_file: dict[str, set[int]] = defaultdict(set)
    for file, line in locations:
        lines_by_file[file].add(line)
    functions_by_file: dict[str, dict[_Span, str]] = defaultdict(dict)
    for fn in functions:
        functions_by_file[fn.file][_span(fn.node)] = fn.qualified_name
    affected: set[str] = set()
    for module in sources.modules:
        lines = lines_by_file.get(module.source.relpath)
        if not lines:
            continue
        defs = functions_by_file[module.source.relpath]
        classes = {_span(node) for node in all_statements(module.tree)
                   if isinstance(node, ast.ClassDef)}
        spans = defs.keys() | classes
        for line in lines:
            holder = _innermost(line, spans)
            if holder in defs:
                affected.add(defs[holder])
            elif holder is not None:  # a class header or body statement: its methods
                affected.update(
                    name for span, name in defs.items()
                    if _innermost(span[0], spans - {span}) == holder)
    return affected
