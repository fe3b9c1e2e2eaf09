"""Whole-program summaries over the call graph (issue 13): the same answers as a walk from each
function, and work that grows linearly on a chain of calls, counted, not timed."""

from __future__ import annotations

import ast
import io
import json
import random
import sys
from collections import deque
from pathlib import Path

import pytest

from hybridize.analysis.models import tensorflow_model
from hybridize.bridge.records import CallEdge
from hybridize.cli import main
from hybridize.parse.functions import FunctionDef, HybridDecorator
from hybridize.verdicts.rules import covered_callers
from hybridize.verdicts.rules._reach import reach_sizes, reaching
from hybridize.verdicts.rules.context import RuleContext

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))
from generate_shapes import generate  # noqa: E402


def random_graph(seed: int, nodes: int = 40, edges: int = 70) -> dict[str, list[str]]:
    """A directed graph with cycles, self-loops and unreachable parts."""
    rng = random.Random(seed)
    names = [f"m.f{i}" for i in range(nodes)]
    graph: dict[str, list[str]] = {name: [] for name in names}
    for _ in range(edges):
        graph[rng.choice(names)].append(rng.choice(names))
    return graph


def walk(graph: dict[str, list[str]], start: str) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for successor in graph[queue.popleft()]:
            if successor not in seen:
                seen.add(successor)
                queue.append(successor)
    return seen


@pytest.mark.parametrize("seed", range(8))
def test_reach_sizes_and_reaching_agree_with_a_walk_from_each_node(seed: int) -> None:
    graph = random_graph(seed)
    sizes = reach_sizes(graph, lambda node: graph[node])
    assert sizes == {node: len(walk(graph, node)) for node in graph}
    marked = set(random.Random(seed).sample(sorted(graph), 3))
    callers: dict[str, list[str]] = {node: [] for node in graph}
    for caller, callees in graph.items():
        for callee in callees:
            callers[callee].append(caller)
    found = reaching(marked, lambda node: callers[node], graph.keys())
    assert found == {node for node in graph if walk(graph, node) & marked}


def covered_by_walks(context: RuleContext, function: str) -> bool:
    """The definition, per function: the least fixpoint over its transitive callers."""
    callers: dict[str, set[str] | None] = {}
    pending = deque([function])
    while pending:
        current = pending.popleft()
        if current in callers:
            continue
        found = {call.caller for call in context.calls_of(current)}
        known = found <= context.project_functions
        callers[current] = found if known else None
        pending.extend(c for c in found if known and not hybrid(context, c))
    covered: set[str] = set()
    changed = True
    while changed:
        changed = False
        for current, of_current in callers.items():
            if current not in covered and of_current and all(
                    hybrid(context, c) or c in covered for c in of_current):
                covered.add(current)
                changed = True
    return function in covered


def hybrid(context: RuleContext, name: str) -> bool:
    definition = context.definitions.get(name)
    return definition is not None and definition.hybrid is not None


@pytest.mark.parametrize("seed", range(8))
def test_covered_callers_as_one_fixpoint_agrees_with_the_per_function_one(seed: int) -> None:
    graph = random_graph(seed, edges=50)
    rng = random.Random(seed)
    node = ast.parse("def f(): pass").body[0]
    assert isinstance(node, ast.FunctionDef)
    definitions = {name: FunctionDef(name.rpartition(".")[2], name, "m.py", 1, node, None,
                                     HybridDecorator(1, {}) if rng.random() < 0.2 else None)
                   for name in graph}
    edges = [CallEdge(caller, callee, "m.py", 1) for caller, callees in graph.items()
             for callee in callees]
    edges.append(CallEdge("m", rng.choice(sorted(graph)), "m.py", 1))  # module code calls one
    context = RuleContext(tensorflow_model(), frozenset(graph), edges, definitions=definitions)
    for name in graph:
        assert (name in covered_callers._covered(context, name)) == covered_by_walks(context, name)


@pytest.mark.jvm
def test_rules_walk_no_function_of_a_chain_that_reaches_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chain of n functions none of which computes a tensor: the rules used to walk from each
    function through all it reaches (n²/2 steps per rule); with summaries they walk nowhere."""
    functions = 120
    generate(tmp_path, functions=functions)
    steps = 0
    reached = RuleContext.reached

    def counted(self: RuleContext, function: str):  # type: ignore[no-untyped-def]
        nonlocal steps
        for item in reached(self, function):
            steps += 1
            yield item

    monkeypatch.setattr(RuleContext, "reached", counted)
    out, err = io.StringIO(), io.StringIO()
    assert main(["analyze", str(tmp_path), "--format", "json"], out=out, err=err) == 0, err
    report = json.loads(out.getvalue())
    chain = {f["qualified_name"]: f for f in report["functions"]
             if f["file"] == "many_functions.py"}
    assert len(chain) == functions
    # Each function still says how many it calls, from the reach sizes (f_k reaches k).
    for k in (1, 60, functions - 2):
        texts = [e["what"] for failure in chain[f"many_functions.f_{k}"]["failures"]
                 for e in failure["evidence"]]
        assert f"`f_{k}` and the {k} project function(s) it calls compute no tensor" in " ".join(
            texts)
    # The ordinary module's caller reaches a tensor computation: only its walks remain.
    assert steps <= 4 * len(report["functions"]), steps
