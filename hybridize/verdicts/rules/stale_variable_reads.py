"""HAS_STALE_VARIABLE_READS: the function (or a function it calls) reads Python state that the
program changes between its calls.

Tracing runs the Python body once and freezes every Python value it reads into the graph: a
module variable, an attribute, a closure variable, a container's elements (and an eager tensor
held there). When other code changes that state later (another function, a module-level loop,
a method), the traced function keeps computing with the value it saw while tracing, while the
eager one sees the new value: the two diverge without an error (TensorFlow 2.21). A
``tf.Variable`` is read when the graph runs, so reading one is not stale; a value bound once
and never changed is not either.

Decided by WALA mod-ref on the Java side (``StaleReads``): the ref set of the function's
closure against the locations code outside it changes. This module words what it found.
"""

from __future__ import annotations

from hybridize.bridge.wala import CallEdge, StaleRead
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules._library_calls import MAX_EVIDENCE
from hybridize.verdicts.rules.context import Reached, RuleContext
from hybridize.verdicts.rules.registry import Category, Rule


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    reads = context.stale_reads.get(function.qualified_name, ())
    return tuple(_evidence(context, function.qualified_name, read)
                 for read in reads[:MAX_EVIDENCE])


def _evidence(context: RuleContext, function: str, read: StaleRead) -> Evidence:
    steps = zip((function, *read.via), read.via, strict=False)
    via = tuple(_call(context, caller, callee) for caller, callee in steps)
    what = context.at(f"reads {read.what}, which {read.changed_at} changes between calls "
                      "(tracing freezes the value it reads)", read.file, read.line, read.span)
    return Reached(read.via[-1] if read.via else function, via).evidence(
        read.file, read.line, what, read.span)


def _call(context: RuleContext, caller: str, callee: str) -> CallEdge:
    """The first located call from ``caller`` to ``callee`` (unlocated when there is none)."""
    return next((e for e in context.calls_from(caller) if e.callee == callee and e.line),
                CallEdge(caller, callee, "", 0))


RULE = Rule(
    name="stale-variable-read",
    kind=FailureKind.HAS_STALE_VARIABLE_READS,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID,
                          Refactoring.OPTIMIZE_HYBRID_FUNCTION}),
    summary="reads Python state (a global, an attribute, a closure variable, a container "
            "element) that the program changes between calls; traced, it keeps the value "
            "read while tracing",
    why="@tf.function runs the Python body only while tracing: every Python value it reads "
        "is frozen into the graph. When other code later changes that value (a learning rate "
        "in a global, a config dict, an attribute set by another method), the traced function "
        "still computes with the old one and silently returns something else than the eager "
        "function. Removing @tf.function from such a function changes its results too. "
        "A tf.Variable is read when the graph runs: keep changing state in variables.",
    bad_example="SCALE = 1.0\n\n"
                "def scaled(x):\n    return x * SCALE\n\n"
                "for SCALE in (1.0, 2.0):\n    print(scaled(tf.ones([2])))",
    good_example="SCALE = tf.Variable(1.0)\n\n"
                 "def scaled(x):\n    return x * SCALE\n\n"
                 "for value in (1.0, 2.0):\n    SCALE.assign(value)\n"
                 "    print(scaled(tf.ones([2])))",
    check=check,
)
