"""HAS_UNRESOLVED_STATICALLY_READ_AXES: the body reads an axis as a Python value (``x.shape[1]``,
``x.shape.as_list()``, ``int(x.shape[0])``, ``range(x.shape[0])``) that the inferred input
signature leaves None.

Traced under that signature the axis is None, so the read gives None where the body needs an
int: ``tf.zeros([n])``, ``n * 2``, ``range(n)`` and ``n > 1`` raise TypeError or ValueError
(TensorFlow 2.21). Without a signature every trace sees the call's concrete axes, so the
function keeps its bare decorator. The reads are WALA's: property reads of ``shape`` (or calls
of ``get_shape``) on the parameter's value and the subscripts of their result, followed into
the project functions the parameter is passed to. ``tf.shape(x)[1]`` reads the axis at run
time and ``len(x)`` is made dynamic by AutoGraph: neither is a static read.
"""

from __future__ import annotations

from hybridize.analysis.signatures import Shape, infer_signature, signature_parameters
from hybridize.bridge.wala import AxisRead
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    parameters = context.signatures.get(function.qualified_name)
    signature = infer_signature(function, parameters)
    if signature.specs is None or parameters is None:
        return ()
    names, _ = signature_parameters(function)
    found: list[Evidence] = []
    for name, spec in zip(names, signature.specs, strict=True):
        for read in parameters[name].axis_reads:
            if unresolved(spec.shape, read):
                axis = "every axis" if read.axis is None else f"axis {read.axis}"
                what = (f"reads {axis} of `{name}` as a Python value ({read.what}), "
                        f"which the signature's shape {_text(spec.shape)} leaves None")
                found.append(Evidence(read.file, read.line,
                                      context.at(what, read.file, read.line, read.span), read.span))
    return tuple(dict.fromkeys(found))


def unresolved(shape: Shape, read: AxisRead) -> bool:
    """Whether the axis ``read`` reads is None under a spec of ``shape``."""
    if shape is None:
        return True
    if read.axis is None:
        return None in shape
    axis = read.axis + len(shape) if read.axis < 0 else read.axis
    return 0 <= axis < len(shape) and shape[axis] is None


def _text(shape: Shape) -> str:
    return "unknown rank" if shape is None else "[" + ", ".join(
        "None" if a is None else str(a) for a in shape) + "]"


RULE = Rule(
    name="unresolved-static-axis",
    kind=FailureKind.HAS_UNRESOLVED_STATICALLY_READ_AXES,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.OPTIMIZE_HYBRID_FUNCTION,
                          Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="reads a tensor axis as a Python int (x.shape[1], x.shape.as_list()) that the "
            "inferred input signature leaves None, so writing the signature would break it",
    why="Under an input signature a function is traced once for every shape the signature "
        "accepts: an axis written as None is None in `x.shape` while tracing. Code that uses "
        "it as a Python int (`tf.zeros([x.shape[1]])`, `range(x.shape[0])`, `x.shape[0] * 2`) "
        "then raises TypeError. Without the signature each trace sees the call's real axes. "
        "The signature is not written (the decorator stays bare); `tf.shape(x)[1]` reads the "
        "axis at run time and works under any signature.",
    bad_example="@tf.function\ndef pad(x):  # called with [2, 3] and [5, 3]\n"
                "    return tf.concat([x, tf.zeros([x.shape[0], 1])], axis=1)",
    good_example="@tf.function\ndef pad(x):\n"
                 "    return tf.concat([x, tf.zeros([tf.shape(x)[0], 1])], axis=1)",
    check=check,
    withholds_signature=True,
)
