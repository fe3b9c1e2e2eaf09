"""HAS_EAGER_ONLY_CALLS: the function (or a function it calls) calls an API that works only
on concrete values: ``Tensor.numpy()``, scikit-learn, SciPy, a TFLite interpreter.

Traced, such a call receives a symbolic tensor and raises, so adding ``@tf.function`` breaks
the program. Which APIs run only eagerly is data (``eager_only`` in the API model); the calls
are WALA's call-graph edges into library code, followed through project callees.
"""

from __future__ import annotations

from hybridize.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.rules.context import RuleContext
from hybridize.rules.registry import Category, Rule

#: At most this many calls are quoted as evidence.
MAX_EVIDENCE = 5


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    for reached in context.reached(function.qualified_name):
        for call in context.library_calls(reached.qualified_name):
            if context.model.is_eager_only(call.callee, call.receiver):
                found.append(reached.evidence(
                    call.file, call.line, f"calls `{_short(call.callee)}`, which needs concrete "
                                          "values (it runs only eagerly)"))
                if len(found) == MAX_EVIDENCE:
                    return tuple(found)
    return tuple(found)


def _short(api: str) -> str:
    """``tensorflow.data.Dataset.range.map[].numpy`` reads better as ``….numpy``."""
    head, _, method = api.rpartition(".")
    return api if len(head) <= 40 else f"….{method}"


RULE = Rule(
    name="eager-only-call",
    kind=FailureKind.HAS_EAGER_ONLY_CALLS,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="calls an API that needs concrete values (Tensor.numpy(), scikit-learn, a TFLite "
            "interpreter, ...), which raises when traced",
    why="Under @tf.function the function's arguments are symbolic tensors. An API that reads "
        "their values in Python (`.numpy()`, `.item()`, scikit-learn metrics, SciPy, a TFLite "
        "interpreter's set_tensor/invoke) cannot, and the traced call raises.",
    bad_example="def accuracy(y_true, y_pred):\n"
                "    return sklearn.metrics.accuracy_score(y_true.numpy(), y_pred.numpy())",
    good_example="def accuracy(y_true, y_pred):\n"
                 "    return tf.reduce_mean(tf.cast(tf.equal(y_true, y_pred), tf.float32))",
    check=check,
)
