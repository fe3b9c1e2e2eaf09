"""HAS_CONFLICTING_EAGER_DTYPE_COERCIONS: one parameter receives tensors of different dtypes at
different call sites, so no single ``tf.TensorSpec`` dtype serves every call.

Eagerly each call computes in its own dtype (``x / 2`` gives float64 for an int32 ``x`` and
float32 for a float32 one), and a bare ``@tf.function`` traces once per dtype and agrees. An
input signature has one dtype per parameter: the calls passing another dtype raise TypeError
when binding their arguments (TensorFlow 2.21 does not cast). So no signature is written, and
a hybrid function that retraces per dtype is left as it is. The dtypes are WALA's: each tensor
a call site passes, shaped at its allocation (``InputSignatures``' sources).
"""

from __future__ import annotations

from hybridize.analysis.signatures import signature_parameters
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    parameters = context.signatures.get(function.qualified_name)
    names, reason = signature_parameters(function)
    if parameters is None or reason is not None:
        return ()
    found: list[Evidence] = []
    for name in names:
        sources = parameters[name].sources if name in parameters else ()
        dtypes = {s.dtype for s in sources if s.dtype is not None}
        if len(dtypes) < 2:
            continue
        listed = ", ".join(sorted(dtypes))
        for s in sources:
            if s.dtype is None:
                continue
            what = (f"`{name}` receives a {s.dtype} tensor from {s.api} here; "
                    f"its call sites pass {listed}")
            file, line = s.file or "", s.line or 0
            found.append(Evidence(file, line, context.at(what, file, line, s.span), s.span))
    return tuple(dict.fromkeys(found))


RULE = Rule(
    name="conflicting-dtype-coercions",
    kind=FailureKind.HAS_CONFLICTING_EAGER_DTYPE_COERCIONS,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.OPTIMIZE_HYBRID_FUNCTION,
                          Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="a parameter receives tensors of different dtypes at different call sites; one "
            "input signature has one dtype, so it would reject some calls",
    why="Eagerly each call computes in the dtype it passes (`x / 2` is float64 for int32 and "
        "float32 for float32), and a bare @tf.function traces once per dtype. An "
        "input_signature fixes one dtype per parameter; a call passing another raises "
        "TypeError when its arguments are bound, and casting at the call would change what "
        "it computes. No signature is written.",
    bad_example="@tf.function\ndef half(x):\n    return x / 2\n\n"
                "half(tf.constant([3]))\nhalf(tf.constant([3.0, 1.0]))",
    good_example="@tf.function\ndef half(x):\n    return x / 2\n\n"
                 "half(tf.constant([3.0]))\nhalf(tf.constant([3.0, 1.0]))",
    check=check,
    withholds_signature=True,
)
