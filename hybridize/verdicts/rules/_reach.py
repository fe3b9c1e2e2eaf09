"""Whole-program reachability summaries over the call graph, computed once per analysis.

A rule asking "does anything this function's calls reach do X?" by walking from each function
costs the sum of the reachable sets: n²/2 steps on a chain of n functions. These summaries
answer the same questions for every function at once: one backward walk per question, and one
strongly-connected-component pass (bitsets) for the sizes of the reachable sets.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping


def reaching(marked: Iterable[str], callers: Callable[[str], Iterable[str]],
             within: Collection[str]) -> frozenset[str]:
    """The functions of ``within`` from which a call path through ``within`` reaches a marked
    one (the marked ones included): one walk over the call edges backwards."""
    found = set(marked)
    pending = list(found)
    while pending:
        for caller in callers(pending.pop()):
            if caller in within and caller not in found:
                found.add(caller)
                pending.append(caller)
    return frozenset(found)


def reach_sizes(nodes: Iterable[str],
                successors: Callable[[str], Iterable[str]]) -> Mapping[str, int]:
    """For each node, how many nodes its paths reach, itself included. Tarjan's components in
    reverse topological order, so a component's reach is its own members and its successors'
    reaches, already known (bitsets: n²/64 word operations at worst, no per-node walk)."""
    index: dict[str, int] = {}
    bits: dict[str, int] = {}  # node -> the bitset of its component's reach
    for component in _components(nodes, successors, index):
        reach = 0
        for node in component:
            reach |= 1 << index[node]
        for node in component:
            for successor in successors(node):
                reach |= bits.get(successor, 0)
        for node in component:
            bits[node] = reach
    return {node: reach.bit_count() for node, reach in bits.items()}


def _components(nodes: Iterable[str], successors: Callable[[str], Iterable[str]],
                index: dict[str, int]) -> Iterable[list[str]]:
    """Tarjan's strongly connected components, iteratively, sinks first; ``index`` receives
    each node's discovery number."""
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors(root)))]
        while work:
            node, pending = work[-1]
            successor = next(pending, None)
            if successor is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    yield _pop_component(node, stack, on_stack)
            elif successor not in index:
                index[successor] = low[successor] = len(index)
                stack.append(successor)
                on_stack.add(successor)
                work.append((successor, iter(successors(successor))))
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])


def _pop_component(root: str, stack: list[str], on_stack: set[str]) -> list[str]:
    component = []
    while True:
        node = stack.pop()
        on_stack.discard(node)
        component.append(node)
        if node == root:
            return component
