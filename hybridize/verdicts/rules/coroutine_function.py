"""Coroutine functions: ``async def`` whose body does not yield.

AutoGraph cannot convert an ``async def`` and the traced call returns a coroutine, not
tensors: ``tf.function`` raises ``TypeError`` (TensorFlow 2.21) where ``await`` worked.
"""

from __future__ import annotations

import ast

from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules._shape import own_yield
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    if not isinstance(function.node, ast.AsyncFunctionDef) or own_yield(function.node):
        return ()
    return (Evidence(function.file, function.line,
                     f"`{function.name}` is a coroutine function (`async def`)"),)


RULE = Rule(
    name="coroutine-function",
    kind=FailureKind.CURRENTLY_NOT_HANDLED,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="an `async def` coroutine function: tf.function cannot return a coroutine, the "
            "traced call raises",
    why="Calling an `async def` returns a coroutine for the event loop to run. tf.function "
        "must return tensors, so tracing it raises TypeError and nothing can await it.",
    bad_example="async def predict(x):\n    return x * 2",
    good_example="def predict(x):\n    return x * 2",
    check=check,
)
