"""Removing ``@tf.function`` from under a project decorator that uses the tf.function API.

A decorator above ``@tf.function`` receives the ``tf.function`` object. One that reads
what only such an object has (``get_concrete_function``, ``python_function``,
``experimental_get_tracing_count``, ...) raises ``AttributeError`` once it gets a plain
function. WALA's call edges on the decorator's line say which project function it is;
that function's code (and the closures it defines) says whether it touches that API.
Library decorators are not blocked: none is known to need a tf.function object, and
decorators below ``@tf.function`` see a plain function either way.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from hybridize.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.rules._shape import Decorator, decorators, hybrid_index
from hybridize.rules.context import RuleContext
from hybridize.rules.registry import Category, Rule

#: Attributes a ``tf.function`` object has and a Python function lacks (TensorFlow 2.21).
TF_FUNCTION_API = frozenset({
    "get_concrete_function", "python_function", "experimental_get_tracing_count",
    "input_signature", "function_spec", "experimental_get_compiler_ir",
    "get_initialization_function", "variables", "trainable_variables",
})


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    position = hybrid_index(function)
    if position is None:
        return ()
    found = []
    for decorator in decorators(context, function):
        use = _tf_function_api_use(context, decorator) if decorator.index < position else None
        if use is not None:
            found.append(Evidence(function.file, decorator.line,
                                  f"`@{decorator.text}` above @tf.function reads "
                                  f"`.{use.attr}` ({use.file}:{use.line}), which a plain "
                                  "function lacks"))
    return tuple(found)


@dataclass(frozen=True)
class _ApiUse:
    attr: str
    file: str
    line: int


def _tf_function_api_use(context: RuleContext, decorator: Decorator) -> _ApiUse | None:
    """The first read of a tf.function-only attribute in the project code the decorator is."""
    for callee in decorator.callees:
        definition = context.definitions.get(callee)
        if definition is None:
            continue
        for node in ast.walk(definition.node):
            if isinstance(node, ast.Attribute) and node.attr in TF_FUNCTION_API:
                return _ApiUse(node.attr, definition.file, node.lineno)
    return None


RULE = Rule(
    name="decorator-above-tf-function",
    kind=FailureKind.CURRENTLY_NOT_HANDLED,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.OPTIMIZE_HYBRID_FUNCTION}),
    summary="a decorator above @tf.function uses the tf.function object's API; removing "
            "@tf.function would hand it a plain function, which lacks it",
    why="A decorator applied to a tf.function object can call its methods "
        "(get_concrete_function, experimental_get_tracing_count, python_function). "
        "Without @tf.function those attributes do not exist and the program breaks.",
    bad_example="def export(fn):\n    fn.get_concrete_function(tf.TensorSpec([None]))\n"
                "    return fn\n\n@export\n@tf.function\ndef serve(x):\n    return x * 2",
    good_example="@export\n@tf.function\ndef serve(x):\n    return x * 2  # stays hybrid",
    check=check,
)
