"""Side effects (WALA mod-ref through the real pipeline) and recursion (call-graph cycles):
the I/O and write rules, the TensorFlow exemptions, effects reached through callees, and what
an undetermined callee does to its callers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hybridize.analysis.facts import CallEdge, SideEffect, StaticFacts
from hybridize.analysis.infer import analyse_facts, run_analyses
from hybridize.analysis.recursion import recursive_functions, strongly_connected
from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project
from hybridize.report import Timing
from hybridize.settings import AnalysisSettings
from hybridize.verdicts.preconditions import FunctionAttributes


def analyse(tmp_path: Path, source: str) -> dict[str, FunctionAttributes]:
    """The attributes of every function of one module, from the real JVM and WALA."""
    (tmp_path / "m.py").write_text(textwrap.dedent(source).lstrip("\n"))
    sources = load_project(tmp_path)
    functions = [fn for module in sources.modules for fn in module_functions(module)]
    return run_analyses(sources, functions, AnalysisSettings(), Timing()).attributes


def effects(attrs: FunctionAttributes) -> list[str]:
    return [f"{e.line}: {e.what}" for e in attrs.python_side_effects.evidence]


@pytest.mark.jvm
@pytest.mark.parametrize(("body", "expected"), [
    ("print(x)", "`print(x)`: Python I/O: print"),
    ("open('f', 'w')", "`open('f', 'w')`: Python I/O: open"),
    ("input()", "`input()`: Python I/O: input"),
    ("logging.info('x')", "`logging.info('x')`: Python I/O: logging.info"),
    ("random.random()", "`random.random()`: Python I/O: random.*"),
    ("CACHE.append(x)", "`CACHE.append(x)` writes elements of a `list` object allocated at m.py:3"),
    ("CACHE[0] = x", "`CACHE[0] = x` writes elements of a `list` object allocated at m.py:3"),
    ("del CACHE[0]", "`del CACHE[0]` writes elements of a `list` object allocated at m.py:3"),
    ("x.attr = 1", "`x.attr = 1` writes an object an unknown caller passes as parameter `x`"),
    ("x.items.sort()",
     "`x.items.sort()` writes an object an unknown caller passes as parameter `x`"),
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


@pytest.mark.jvm
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
        f(tf.constant(1.0))
    """)["m.f"]
    assert attrs.python_side_effects.value is False, effects(attrs)


@pytest.mark.jvm
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
    """)
    assert effects(attrs["m.f"]) == ["4: `N = N + 1` writes global `N` of module `m`"]
    assert effects(attrs["m.outer.inner"]) == ["9: `k += 1` writes closure variable `k` of `m.outer`"]
    # outer owns k and allocated its value: rebinding it is outer's own business.
    assert attrs["m.outer"].python_side_effects.value is False


@pytest.mark.jvm
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
    """)
    assert attrs["m.push"].python_side_effects.value is True
    assert attrs["m.fresh"].python_side_effects.value is False
    assert effects(attrs["m.relay"]) == [
        "3: `acc.append(x)` writes an object an unknown caller passes as parameter `acc`, "
        "reached via `push` (m.py:7)"]
    assert effects(attrs["m.to_global"]) == [
        "3: `acc.append(x)` writes elements of a `list` object allocated at m.py:1, "
        "reached via `push` (m.py:9)"]


@pytest.mark.jvm
def test_constructors_write_only_the_new_object(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        class Box:
            def __init__(self, v):
                self.v = v
        def make(x):
            return Box(x)
    """)
    assert attrs["m.make"].python_side_effects.value is False


@pytest.mark.jvm
def test_a_class_defined_in_the_function_is_its_own(tmp_path: Path) -> None:
    # Each call makes a new class object: its body's definitions and later writes to it cannot
    # be seen by the caller. A class made elsewhere (module level, or returned by another
    # function) is shared state.
    attrs = analyse(tmp_path, """
        class Shared:
            total = 0
        def make():
            class Made:
                pass
            return Made
        MADE = make()
        def counter():
            class Box:
                count = 0
                def grow(self, k):
                    return k + 1
            Box.count += 1
            return Box.count
        def bump():
            Shared.total += 1
        def poke():
            MADE.x = 3
        counter()
        bump()
        poke()
    """)
    assert attrs["m.counter"].python_side_effects.value is False
    assert effects(attrs["m.bump"]) == [
        "16: `Shared.total += 1` writes class attribute `total` of `m.Shared`"]
    assert effects(attrs["m.poke"]) == ["18: `MADE.x = 3` writes class attribute `x` of `m.make.Made`"]


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
    # The facts of a front end that lost bad.py: good's functions have nodes, bad.g has none.
    facts = StaticFacts(frozenset({"good.clean", "good.loud"}),
                        [CallEdge("good.clean", "bad.g", "good.py", 3),
                         CallEdge("good.loud", "bad.g", "good.py", 6)],
                        failures=frozenset({"bad.py"}),
                        values={"good.clean": {}, "good.loud": {}},
                        effects={"good.clean": [],
                                 "good.loud": [SideEffect("good.py", 5, "Python I/O: print")]})
    attrs = analyse_facts(sources, functions, AnalysisSettings(), facts).attributes
    assert attrs["bad.g"] == FunctionAttributes()
    assert attrs["good.clean"].python_side_effects.value is None
    assert attrs["good.clean"].recursive.value is None
    assert attrs["good.loud"].python_side_effects.value is True
