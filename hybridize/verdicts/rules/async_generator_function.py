"""Asynchronous generator functions: ``async def`` whose own body yields.

The traced call returns an async generator, not tensors: ``tf.function`` raises
``TypeError`` (TensorFlow 2.21) where ``async for`` over the eager call worked.
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
    if found is None or not isinstance(function.node, ast.AsyncFunctionDef):
        return ()
    what = context.at(f"`{function.name}` is an asynchronous generator: an `async def` that "
                      f"yields on line {found.lineno}", function.file, found.lineno, None)
    return (Evidence(function.file, function.line, what),)


RULE = Rule(
    name="async-generator-function",
    kind=FailureKind.CURRENTLY_NOT_HANDLED,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="an asynchronous generator function: tf.function cannot return an async "
            "generator, the traced call raises",
    why="Calling an `async def` that yields returns an async generator. tf.function must "
        "return tensors, so tracing it raises TypeError.",
    bad_example="async def stream(x):\n    for row in x:\n        yield row",
    good_example="def stream(x):\n    return tf.data.Dataset.from_tensor_slices(x)",
    check=check,
)
