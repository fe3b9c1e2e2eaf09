"""HAS_INVALID_NAME_ARGUMENTS: a TensorFlow op receives something other than a str as ``name``.

Most ops take ``name`` last, often positionally right after their inputs: ``tf.sqrt(x,
tf.float32)`` passes a dtype as the name, ``tf.reduce_sum(x, 0, False, 2)`` an int. Eagerly
the name is ignored, so the program runs; traced, an op opens a name scope with a truthy
``name`` and raises ``TypeError: expected string or bytes-like object`` (TensorFlow 2.21; a
falsy ``0`` or ``False`` is skipped like None). Which positional slot is ``name`` for which op
is data (``name_argument`` in the API model, read from TensorFlow 2.21's signatures); what is
passed there is WALA's pointer analysis' typing of the argument.
"""

from __future__ import annotations

from hybridize.bridge.value_kinds import ArgumentFact, ValueKind
from hybridize.bridge.wala import CallEdge
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules._library_calls import scan, short
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule

#: Argument kinds that are never a str nor None (a falsy number is skipped like None).
NOT_STR = frozenset({ValueKind.TENSOR, ValueKind.VARIABLE, ValueKind.TENSOR_CONTAINER,
                     ValueKind.INT, ValueKind.FLOAT, ValueKind.BOOL, ValueKind.DATASET,
                     ValueKind.KERAS_OBJECT, ValueKind.TF_OBJECT, ValueKind.VARIABLE_LIST,
                     ValueKind.TENSOR_LIST, ValueKind.INT_SEQUENCE})
#: Untyped library objects known not to be str: TensorFlow and NumPy dtypes.
DTYPES = frozenset(
    [f"tensorflow.{t}" for t in ("float16", "float32", "float64", "bfloat16", "half", "double",
                                 "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                                 "uint64", "bool", "string", "complex64", "complex128")]
    + [f"numpy.{t}" for t in ("float16", "float32", "float64", "int8", "int16", "int32",
                              "int64", "uint8", "bool_", "complex64", "complex128")])


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    return scan(context, function, _finding)


def _finding(context: RuleContext, call: CallEdge) -> str | None:
    position = context.model.name_position(call.callee)
    if position is None:
        return None
    wrong = sorted({_describe(argument) for argument in call.argument(position) | call.keyword("name")
                    if _is_not_str(argument)})
    if not wrong:
        return None
    return (f"passes {' or '.join(wrong)} as the `name` of `{short(call.callee)}`, which "
            "must be a str when traced")


def _is_not_str(argument: ArgumentFact) -> bool:
    if argument.falsy:
        return False
    return argument.kind in NOT_STR or argument.library_path in DTYPES


def _describe(argument: ArgumentFact) -> str:
    if argument.library_path is not None:
        return f"`{short(argument.library_path)}`"
    if argument.kind in (ValueKind.TENSOR, ValueKind.VARIABLE):
        return "a tensor"
    return f"a value of kind {argument.kind.value}"


RULE = Rule(
    name="invalid-name-argument",
    kind=FailureKind.HAS_INVALID_NAME_ARGUMENTS,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="passes a non-str value as a TensorFlow op's `name` (often positionally, as in "
            "tf.sqrt(x, tf.float32)), which raises when traced",
    why="Eagerly an op ignores its `name`, so a dtype or a number passed in the `name` slot "
        "goes unnoticed. Traced, the op opens a name scope with it, which must be a str: "
        "TypeError. The slot is often positional (`tf.sqrt(x, name)`, `tf.cast(x, dtype, "
        "name)`, `tf.reduce_sum(x, axis, keepdims, name)`).",
    bad_example="def root(x):\n    return tf.sqrt(x, tf.float32)",
    good_example="def root(x):\n    return tf.sqrt(tf.cast(x, tf.float32))",
    check=check,
)
