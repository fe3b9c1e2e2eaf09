"""Generator functions: ``def`` whose own body yields.

``tf.function`` must return tensors, not a generator: the traced call raises ``TypeError``
(TensorFlow 2.21: "Python functions must return zero or more Tensors ..."), where the
eager call returned a generator the caller iterates.
"""

from __future__ import annotations

import ast

from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules._shape import own_yield
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    found = own_yield(function.node)
    if found is None or isinstance(function.node, ast.AsyncFunctionDef):
        return ()
    what = context.at(f"`{function.name}` is a generator: it yields on line {found.lineno}",
                      function.file, found.lineno, None)
    return (Evidence(function.file, function.line, what),)


RULE = Rule(
    name="generator-function",
    kind=FailureKind.CURRENTLY_NOT_HANDLED,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="a generator function: tf.function cannot return a generator, the traced call "
            "raises",
    why="Calling a generator function returns a generator. A tf.function must return "
        "tensors (or nested structures of them), so tracing the generator function raises "
        "TypeError.",
    bad_example="def batches(x):\n    for row in x:\n        yield row * 2",
    good_example="def batches(x):\n    return tf.data.Dataset.from_tensor_slices(x * 2)",
    check=check,
)
