"""Side effects and recursion on hand-made call graphs (no JVM): the local rules, the
transitive step with its argument mapping, the TensorFlow exemptions and cycle evidence."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hybridize.analysis.facts import CallEdge, StaticFacts
from hybridize.analysis.infer import analyse_facts
from hybridize.analysis.recursion import recursive_functions, strongly_connected
from hybridize.functions import module_functions
from hybridize.preconditions import FunctionAttributes
from hybridize.project import load_project
from hybridize.settings import AnalysisSettings


def analyse(tmp_path: Path, source: str, edges: list[tuple[str, str, int]] = ()
            ) -> dict[str, FunctionAttributes]:
    (tmp_path / "m.py").write_text(textwrap.dedent(source).lstrip("\n"))
    sources = load_project(tmp_path)
    functions = [fn for module in sources.modules for fn in module_functions(module)]
    facts = StaticFacts(frozenset(fn.qualified_name for fn in functions),
                        [CallEdge(a, b, "m.py", line) for a, b, line in edges])
    return analyse_facts(sources, functions, AnalysisSettings(), facts).attributes


def effects(attrs: FunctionAttributes) -> list[str]:
    return [f"{e.line}: {e.what}" for e in attrs.python_side_effects.evidence]


@pytest.mark.parametrize(("body", "expected"), [
    ("print(x)", "calls `print` (Python I/O)"),
    ("open('f', 'w')", "calls `open` (Python I/O)"),
    ("input()", "calls `input` (Python I/O)"),
    ("logging.info('x')", "calls `logging.info` (Python I/O or state)"),
    ("random.random()", "calls `random.random` (Python I/O or state)"),
    ("CACHE.append(x)", "calls `CACHE.append(x)` (global `CACHE`)"),
    ("CACHE[0] = x", "writes `CACHE[0]` (global `CACHE`)"),
    ("del CACHE[0]", "deletes `CACHE[0]` (global `CACHE`)"),
    ("x.attr = 1", "writes `x.attr` (parameter `x`)"),
    ("x.items.sort()", "calls `x.items.sort()` (parameter `x`)"),
])
def test_local_effects(tmp_path: Path, body: str, expected: str) -> None:
    attrs = analyse(tmp_path, f"""
        import logging
        import random
        CACHE = []
        def f(x):
            {body}
    """)["m.f"]
    assert attrs.python_side_effects.value is True
    assert effects(attrs) == [f"5: {expected}"]


@pytest.mark.parametrize("body", [
    "tf.print(x)",
    "x.assign_add(1.0)",
    "items = []\n    items.append(x)",
    "d = dict()\n    d['k'] = x",
    "copy = list(CACHE)\n    copy.sort()",
    "y = CACHE[0] + x",
    "opt = tf.keras.optimizers.SGD()\n    opt.apply_gradients([])",
    "arr = tf.TensorArray(tf.float32, size=1)\n    arr = arr.write(0, x)",
])
def test_not_python_side_effects(tmp_path: Path, body: str) -> None:
    body = body.replace("\n    ", "\n            ")  # the indentation of the template
    attrs = analyse(tmp_path, f"""
        import tensorflow as tf
        CACHE = [1.0]
        def f(x):
            {body}
    """)["m.f"]
    assert attrs.python_side_effects.value is False, effects(attrs)


def test_global_and_nonlocal_rebinding(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        N = 0
        def f():
            global N
            N = N + 1
        def outer():
            k = 0
            def inner():
                nonlocal k
                k += 1
            inner()
            return k
    """, edges=[("m.outer", "m.outer.inner", 10)])
    assert effects(attrs["m.f"]) == ["4: writes global `N`"]
    assert effects(attrs["m.outer.inner"]) == ["9: writes nonlocal `k`"]
    # outer owns k and allocated its value: rebinding it is outer's own business.
    assert attrs["m.outer"].python_side_effects.value is False


def test_effects_on_arguments_follow_what_the_caller_passed(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        STORE = []
        def push(acc, x):
            acc.append(x)
        def fresh(x):
            push([], x)
        def relay(acc, x):
            push(acc, x)
        def to_global(x):
            push(STORE, x)
    """, edges=[("m.fresh", "m.push", 5), ("m.relay", "m.push", 7),
                ("m.to_global", "m.push", 9)])
    assert attrs["m.push"].python_side_effects.value is True
    assert attrs["m.fresh"].python_side_effects.value is False
    assert effects(attrs["m.relay"]) == [
        "3: calls `acc.append(x)` (parameter `acc`), reached via `push` (m.py:7)"]
    assert effects(attrs["m.to_global"]) == [
        "3: calls `acc.append(x)` (parameter `acc`), reached via `push` (m.py:9)"]


def test_constructors_write_only_the_new_object(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        class Box:
            def __init__(self, v):
                self.v = v
        def make(x):
            return Box(x)
    """, edges=[("m.make", "m.Box.__init__", 5)])
    assert attrs["m.Box.__init__"].python_side_effects.value is True
    assert attrs["m.make"].python_side_effects.value is False


def test_unmatched_edges_propagate_conservatively(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        def noisy():
            print("hi")
        def caller():
            pass
    """, edges=[("m.caller", "m.noisy", 4)])  # no call expression explains the edge
    assert attrs["m.caller"].python_side_effects.value is True


def test_recursion_finds_shortest_cycle_with_evidence() -> None:
    edges = [CallEdge("m.a", "m.b", "m.py", 2), CallEdge("m.b", "m.c", "m.py", 4),
             CallEdge("m.c", "m.a", "m.py", 6), CallEdge("m.c", "m.d", "m.py", 7),
             CallEdge("m.e", "m.e", "m.py", 9)]
    found = recursive_functions(["m.a", "m.b", "m.c", "m.d", "m.e"], edges)
    assert set(found) == {"m.a", "m.b", "m.c", "m.e"}
    assert [e.what for e in found["m.b"]] == ["`b` calls `c`", "`c` calls `a`", "`a` calls `b`"]
    assert [e.line for e in found["m.e"]] == [9]


def test_library_callees_do_not_make_cycles() -> None:
    edges = [CallEdge("m.a", "tensorflow.map_fn", "m.py", 2),
             CallEdge("tensorflow.map_fn", "m.a", "m.py", 2)]
    assert recursive_functions(["m.a"], edges) == {}


def test_strongly_connected_is_iterative_on_deep_chains() -> None:
    chain = {f"f{i}": [f"f{i + 1}"] for i in range(5000)}
    chain["f5000"] = ["f0"]
    components = strongly_connected(list(chain) + ["f5000"], chain)
    assert len(components) == 1 and len(components[0]) == 5001


def test_callers_of_undetermined_functions_are_undetermined_unless_proven(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(
        "import bad\ndef clean(x):\n    return bad.g(x)\n"
        "def loud(x):\n    print(x)\n    return bad.g(x)\n")
    (tmp_path / "bad.py").write_text("def g(x):\n    return x\n")
    sources = load_project(tmp_path)
    functions = [fn for module in sources.modules for fn in module_functions(module)]
    facts = StaticFacts(frozenset(fn.qualified_name for fn in functions),
                        [CallEdge("good.clean", "bad.g", "good.py", 3),
                         CallEdge("good.loud", "bad.g", "good.py", 6)],
                        failures=frozenset({"bad.py"}))
    attrs = analyse_facts(sources, functions, AnalysisSettings(), facts).attributes
    assert attrs["bad.g"] == FunctionAttributes()
    assert attrs["good.clean"].python_side_effects.value is None
    assert attrs["good.clean"].recursive.value is None
    assert attrs["good.loud"].python_side_effects.value is True
