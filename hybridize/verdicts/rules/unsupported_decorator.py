"""Functions under a decorator we do not understand get no ``@tf.function``.

``@tf.function`` goes directly above the ``def``, so every other decorator receives a
``tf.function`` object instead of a Python function. That is measured to work for the
decorators in ``_shape.UNDERSTOOD`` (``staticmethod``, ``classmethod``, ``property``,
``abc.abstractmethod``, ``functools.lru_cache``/``cache``); any other may read what a
function has and a ``tf.function`` lacks (``__code__``, ``__defaults__``) or expect
Python values back (``tf.custom_gradient`` needs ``(y, grad_fn)``, which a tf.function
cannot return). Which function a decorator is comes from WALA's call edges on its line,
so a project function named ``staticmethod`` or an alias of ``functools.wraps`` is seen
for what it is.
"""

from __future__ import annotations

from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules._shape import decorators
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(function.file, decorator.line,
                 f"decorated with {decorator.describe()}: it would "
                 "receive a tf.function object instead of the function", decorator.span)
        for decorator in decorators(context, function) if not decorator.understood)


RULE = Rule(
    name="unsupported-decorator",
    kind=FailureKind.CURRENTLY_NOT_HANDLED,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="decorated with something other than staticmethod, classmethod, property, "
            "abstractmethod or lru_cache: it would receive a tf.function object, which it "
            "may not handle",
    why="@tf.function is added directly above the def, below every other decorator, which "
        "then wraps a tf.function object. A decorator that reads `__code__`, needs Python "
        "return values (tf.custom_gradient's gradient function) or wraps a generator "
        "(contextlib.contextmanager) breaks.",
    bad_example="@tf.custom_gradient\ndef clip(x):\n    return x, lambda dy: "
                "tf.clip_by_norm(dy, 1.0)",
    good_example="@tf.function\ndef train_step(x):\n    return clip(x)",
    check=check,
)
