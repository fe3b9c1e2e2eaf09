"""HAS_KERAS_SYMBOLIC_ARGUMENTS: a call site passes a Keras symbolic tensor.

``keras.Input(...)`` makes a ``KerasTensor``, a placeholder for a shape and a dtype, and the
functional API threads such values through layer applications. ``tf.function`` refuses one
before anything is traced: measured on TensorFlow 2.21, Keras 3 raises ``ValueError`` ("A
KerasTensor is symbolic") and Keras 2 (tf_keras) ``TypeError`` ("You are passing
KerasTensor..."), so the rule holds on both generations. A function building a model from
``Input`` therefore runs only eagerly.

Which values are symbolic is the pointer analysis (Java ``KerasSymbolicValues``): the objects
``keras.Input`` allocates and the tensors library calls compute from them; every call site's
arguments are the passed values. A Keras layer's own ``call`` receives a graph placeholder
from the framework, not the KerasTensor, so methods the framework calls are not concerned.
"""

from __future__ import annotations

from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules._library_calls import MAX_EVIDENCE
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    if function.qualified_name in context.families:
        return ()
    found = []
    for parameter, values in context.passed.get(function.qualified_name, {}).items():
        for value in values:
            if value.symbolic:
                found.append(context.passed_at(value, (
                    f"`{parameter}` receives {value.what} made at {value.file}:{value.line}, "
                    "a Keras symbolic tensor, which tf.function refuses")))
                break
    return tuple(found[:MAX_EVIDENCE])


RULE = Rule(
    name="keras-symbolic-argument",
    kind=FailureKind.HAS_KERAS_SYMBOLIC_ARGUMENTS,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="a call site passes a Keras symbolic tensor (keras.Input(...) or a layer applied to "
            "one), which tf.function refuses before tracing",
    why="The functional API builds a model from KerasTensors, placeholders with a shape and a "
        "dtype but no value. A tf.function refuses them on its first call (Keras 3: ValueError, "
        "Keras 2: TypeError), so decorating a function that builds a model from "
        "keras.Input breaks the program on every TensorFlow generation.",
    bad_example="def head(x):\n    return tf.keras.layers.Dense(10)(x)\n\n"
                "inputs = tf.keras.Input(shape=(784,))\n"
                "model = tf.keras.Model(inputs, head(inputs))",
    good_example="def head(x):  # stays eager: it builds the model\n"
                 "    return tf.keras.layers.Dense(10)(x)\n\n"
                 "@tf.function\ndef predict(x):\n    return model(x)",
    check=check,
)
