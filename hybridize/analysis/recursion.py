"""Recursion: a function is recursive when it lies on a cycle of the call graph."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from hybridize.analysis.facts import CallEdge
from hybridize.analysis.quote import SourceQuoter
from hybridize.report import Evidence


def strongly_connected(nodes: Iterable[str], successors: dict[str, list[str]]
                       ) -> list[list[str]]:
    """Tarjan's algorithm, iteratively (deep call chains must not hit Python's stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(successors.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def recursive_functions(functions: Iterable[str], edges: Iterable[CallEdge],
                        quoter: SourceQuoter | None = None) -> dict[str, tuple[Evidence, ...]]:
    """Each recursive function with the call edges of one cycle through it, each quoting its
    call when there is a ``quoter``."""
    functions = list(functions)
    known = set(functions)
    successors: dict[str, list[str]] = defaultdict(list)
    edge_of: dict[tuple[str, str], CallEdge] = {}
    for edge in edges:
        if edge.caller in known and edge.callee in known:
            if (edge.caller, edge.callee) not in edge_of:
                successors[edge.caller].append(edge.callee)
                edge_of[(edge.caller, edge.callee)] = edge
    result: dict[str, tuple[Evidence, ...]] = {}
    for component in strongly_connected(functions, successors):
        members = set(component)
        if len(component) == 1 and (component[0], component[0]) not in edge_of:
            continue
        for member in component:
            result[member] = tuple(_call_evidence(e, quoter)
                                   for e in _cycle(member, members, successors, edge_of))
    return result


def _call_evidence(edge: CallEdge, quoter: SourceQuoter | None) -> Evidence:
    what = f"`{_short(edge.caller)}` calls `{_short(edge.callee)}`"
    if quoter is not None:
        what = quoter.at(what, edge.file, edge.line, edge.span)
    return Evidence(edge.file, edge.line, what, edge.span)


def _cycle(start: str, members: set[str], successors: dict[str, list[str]],
           edge_of: dict[tuple[str, str], CallEdge]) -> list[CallEdge]:
    """A shortest cycle from ``start`` back to itself inside its component (BFS)."""
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in successors.get(node, ()):
                if child not in members:
                    continue
                if child == start:
                    path = [edge_of[(node, child)]]
                    while node != start:
                        path.append(edge_of[(parents[node], node)])
                        node = parents[node]
                    return list(reversed(path))
                if child not in parents:
                    parents[child] = node
                    following.append(child)
        frontier = following
    return []


def _short(qualified: str) -> str:
    return qualified.rpartition(".")[2]
