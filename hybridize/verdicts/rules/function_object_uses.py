"""Uses of a hybrid function's ``tf.function`` object beyond calling it.

``@tf.function`` binds the function's name to a ``Function`` object. Code that reads one of its
attributes (``get_concrete_function``, ``python_function``, ``experimental_get_compiler_ir``,
``input_signature``, ...), passes it to ``tf.saved_model.save`` as a signature, or stores it on
an object that is saved, needs that object: without the decorator the attribute read raises
``AttributeError`` and the SavedModel loses the function. The uses are WALA's pointer analysis
following the Function object the decorator makes (aliases, ``self.step``, other modules).
"""

from __future__ import annotations

from hybridize.bridge.wala import FunctionObjectUse
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule

#: At most this many uses are quoted as evidence.
MAX_EVIDENCE = 5


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    uses = context.function_object_uses(function.qualified_name)
    return tuple(Evidence(u.file, u.line, context.at(_describe(u), u.file, u.line, u.span), u.span)
                 for u in uses[:MAX_EVIDENCE])


def _describe(use: FunctionObjectUse) -> str:
    if use.kind == "attribute":
        return f"reads `{use.detail}` of the tf.function object"
    api = use.detail.replace("tensorflow.", "tf.", 1)
    if use.kind == "signature":
        return f"passes it to {api} as a signature"
    return f"{api} exports it as an attribute of the saved object"


RULE = Rule(
    name="tf-function-object-use",
    kind=FailureKind.CURRENTLY_NOT_HANDLED,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.OPTIMIZE_HYBRID_FUNCTION}),
    summary="the tf.function object itself is used (an attribute of it is read, or it is "
            "exported with tf.saved_model.save), which needs the decorator",
    why="`@tf.function` turns the function into a `Function` object. Reading "
        "`get_concrete_function`, `python_function` or any other attribute of it raises "
        "AttributeError once the decorator is gone, and a SavedModel exports only the "
        "Function objects (with their input signatures) it reaches.",
    bad_example="@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])\n"
                "def serve(x):\n"
                "    return x * 2.0\n\n"
                "concrete = serve.get_concrete_function()  # needs the Function object",
    good_example="@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])\n"
                 "def serve(x):\n"
                 "    return x * 2.0\n\n"
                 "y = serve(x)  # only called: the decorator may go if the tables allow",
    check=check,
)
