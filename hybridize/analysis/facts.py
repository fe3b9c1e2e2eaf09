"""What the analyses need from the whole-program front end, and its adapter to WALA.

The analyses read call edges, the functions the front end analysed, the files it could
not analyse and, where it helps, the allocation sites flowing into a parameter. Keeping
this narrow lets the unit tests build facts by hand and the front end evolve freely.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class CallEdge:
    """``caller`` calls ``callee`` at ``file:line``; a module's top level is its module name."""

    caller: str
    callee: str
    file: str
    line: int


@dataclass(frozen=True)
class PointsToObject:
    """An allocation site flowing into a parameter."""

    #: e.g. "constant", "library", "object"; the front end decides.
    kind: str
    #: Python type of a constant (``int``) or dotted API name of a library result.
    type_name: str
    file: str | None = None
    line: int | None = None
    value: Any = None


class ProgramFacts(Protocol):
    def analysed_functions(self) -> frozenset[str]: ...

    def call_edges(self) -> Iterable[CallEdge]: ...

    def failed_files(self) -> frozenset[str]: ...

    def points_to(self, function: str, parameter: str) -> list[PointsToObject]: ...


@dataclass
class StaticFacts:
    """Facts given as plain data (unit tests; a front end's cached result)."""

    functions: frozenset[str]
    edges: list[CallEdge] = field(default_factory=list)
    failures: frozenset[str] = frozenset()
    objects: dict[tuple[str, str], list[PointsToObject]] = field(default_factory=dict)

    def analysed_functions(self) -> frozenset[str]:
        return self.functions

    def call_edges(self) -> Iterable[CallEdge]:
        return self.edges

    def failed_files(self) -> frozenset[str]:
        return self.failures

    def points_to(self, function: str, parameter: str) -> list[PointsToObject]:
        return self.objects.get((function, parameter), [])


class WalaFacts:
    """Adapts ``hybridize.frontend.wala.WalaProject`` to ProgramFacts."""

    def __init__(self, project: Any) -> None:
        self._project = project
        self._functions = frozenset(str(fn.qualified_name) for fn in project.functions)
        self._edges = [
            CallEdge(str(e.caller), str(e.callee), str(e.file), int(e.line)) for e in project.edges
        ]
        self._failed = frozenset(str(error.file) for error in project.errors if error.file)

    def analysed_functions(self) -> frozenset[str]:
        return self._functions

    def call_edges(self) -> Iterable[CallEdge]:
        return self._edges

    def failed_files(self) -> frozenset[str]:
        return self._failed

    def points_to(self, function: str, parameter: str) -> list[PointsToObject]:
        try:
            objects = self._project.points_to(function, parameter)
        except (KeyError, ValueError):
            return []
        return [
            PointsToObject(
                kind=str(getattr(o, "kind", "")),
                type_name=str(getattr(o, "type_name", "")),
                file=getattr(o, "file", None),
                line=getattr(o, "line", None),
                value=getattr(o, "value", None),
            )
            for o in objects
        ]
