"""HAS_EAGER_ONLY_CALLS: the function (or a function it calls) calls an API that works only
on concrete values: ``Tensor.numpy()``, scikit-learn, SciPy, a TFLite interpreter, ``bool(t)``
of a tensor ``t``.

Traced, such a call receives a symbolic tensor and raises, so adding ``@tf.function`` breaks
the program. Which APIs run only eagerly is data (``eager_only`` in the API model); the calls
are WALA's call-graph edges into library code, followed through project callees, and whether
a tensor reaches ``bool(...)`` is the pointer analysis' typing of its argument.
"""

from __future__ import annotations

from hybridize.bridge.wala import CallEdge
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules._library_calls import passes_tensor, scan, short
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    return scan(context, function, _finding)


def _finding(context: RuleContext, call: CallEdge) -> str | None:
    if context.model.is_eager_only(call.callee, call.receiver):
        return f"calls `{short(call.callee)}`, which needs concrete values (it runs only eagerly)"
    if context.model.is_eager_only_on_tensors(call.callee) and passes_tensor(call):
        # AutoGraph turns float(t) and int(t) into tf.cast, but not bool(t).
        return f"passes a tensor to `{short(call.callee)}`, which reads its value in Python"
    return None


RULE = Rule(
    name="eager-only-call",
    kind=FailureKind.HAS_EAGER_ONLY_CALLS,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="calls an API that needs concrete values (Tensor.numpy(), bool(tensor), "
            "scikit-learn, a TFLite interpreter, ...), which raises when traced",
    why="Under @tf.function the function's arguments are symbolic tensors. An API that reads "
        "their values in Python (`.numpy()`, `.item()`, `bool(t)`, scikit-learn metrics, SciPy, "
        "a TFLite interpreter's set_tensor/invoke) cannot, and the traced call raises. "
        "(`float(t)` and `int(t)` are fine: AutoGraph turns them into tf.cast.)",
    bad_example="def accuracy(y_true, y_pred):\n"
                "    return sklearn.metrics.accuracy_score(y_true.numpy(), y_pred.numpy())",
    good_example="def accuracy(y_true, y_pred):\n"
                 "    return tf.reduce_mean(tf.cast(tf.equal(y_true, y_pred), tf.float32))",
    check=check,
)
