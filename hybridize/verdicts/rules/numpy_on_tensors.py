"""HAS_NUMPY_CALLS_ON_PARAMETERS: a NumPy API receives a tensor.

NumPy converts its arguments to arrays. An eager tensor converts; a symbolic one, which is what
every tensor is while ``tf.function`` traces (parameters and tensors computed inside alike),
raises ``NotImplementedError`` (TensorFlow 2.21). So the question is "may a tensor reach this
NumPy call?", not "is it a parameter?": WALA's pointer analysis types each argument of each
library call, and the API model says which NumPy APIs convert (``numpy_on_tensors``: all but
``np.shape`` and ``np.ndim``, which read the static shape). ``np.float32`` as a dtype is no
call, and ``np.zeros(3)`` receives no tensor: neither is a hazard.
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
    if context.model.is_numpy_on_values(call.callee) and passes_tensor(call):
        return (f"passes a tensor to `{short(call.callee)}`, which converts it to a NumPy "
                "array (a symbolic tensor cannot be)")
    return None


RULE = Rule(
    name="numpy-call-on-tensor",
    kind=FailureKind.HAS_NUMPY_CALLS_ON_PARAMETERS,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="passes a tensor to a NumPy function (np.square, np.mean, np.array, ...), which "
            "raises when traced",
    why="NumPy converts its arguments to arrays. Eagerly a tensor has a value to convert; "
        "under @tf.function every tensor is symbolic (a parameter, and equally a tensor "
        "computed inside the function) and the conversion raises NotImplementedError. The "
        "rule asks whether any tensor may reach the call, not only a parameter. Reading the "
        "static shape (np.shape, np.ndim) and NumPy calls on Python values are fine.",
    bad_example="def energy(x):\n    return np.mean(np.square(x))",
    good_example="def energy(x):\n    return tf.reduce_mean(tf.square(x))",
    check=check,
)
