"""HAS_LATE_VARIABLE_CREATION: the traced body may create variables on objects that differ
between calls.

A Keras layer or model creates its weights on its first call, an optimizer its slots on its
first ``apply_gradients``. Under ``@tf.function`` that happens while tracing, which TensorFlow
allows on the first trace only: a call that brings a *second*, fresh model (a new fold of a
cross-validation, ``main()`` run twice) raises. Decided from WALA's facts: the function (or a
callee) calls a Keras object or an optimizer's ``apply_gradients``/``minimize``, and a
parameter receives a project object allocated where code may run more than once (inside a
function, a loop or a comprehension: ``PassedValue.repeats``, from WALA's IR). An object made
once at module level is always the same, so a step that always receives it is converted.
"""

from __future__ import annotations

from hybridize.bridge.value_kinds import ValueKind
from hybridize.bridge.wala import CallEdge
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules.context import Reached, RuleContext
from hybridize.verdicts.rules.registry import Category, Rule

#: Optimizer methods that create slot variables on their first call.
_CREATING_METHODS = frozenset({"apply_gradients", "minimize"})


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    repeated = _repeatedly_made(context, function)
    if not repeated:
        return ()
    creating = next(((reached, call) for reached in context.reached(function.qualified_name)
                     for call in context.calls_from(reached.qualified_name)
                     if _may_create_variables(context, call)), None)
    if creating is None:
        return ()
    reached, call = creating
    return (_creation_evidence(reached, call), *repeated)


def _repeatedly_made(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    """Evidence for each parameter receiving a project object made where code repeats."""
    found = []
    for parameter, values in context.passed.get(function.qualified_name, {}).items():
        for value in values:
            # Unknown (no site): it may repeat.
            if (value.kind is ValueKind.OTHER and value.file and value.line
                    and value.repeats is not False):
                found.append(context.passed_at(value, (
                    f"`{parameter}` receives {value.what} made at {value.file}:{value.line}, "
                    "where code may run more than once (another call brings another object)")))
                break
    return tuple(found)


def _may_create_variables(context: RuleContext, call: CallEdge) -> bool:
    method = call.callee.rpartition(".")[2]
    if call.receiver is ValueKind.KERAS_OBJECT and method == "__call__":
        return True
    if call.receiver is ValueKind.TF_OBJECT and method in _CREATING_METHODS:
        return True
    return context.families.get(call.callee) == "keras" and method in ("call", "build")


def _creation_evidence(reached: Reached, call: CallEdge) -> Evidence:
    what = (f"calls `{call.callee.rpartition('.')[2]}` of "
            f"`{call.callee.rpartition('.')[0]}`, which creates variables on its first call")
    return reached.evidence(call.file, call.line, what, call.span)


RULE = Rule(
    name="late-variable-creation",
    kind=FailureKind.HAS_LATE_VARIABLE_CREATION,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="the traced body may create variables (a Keras model's first call, an optimizer's "
            "first apply_gradients) on objects that differ between calls, which raises on the "
            "second trace",
    why="TensorFlow lets a tf.function create variables on its first trace only. A step that "
        "receives a fresh, unbuilt model or optimizer on a later call (a new fold, main() run "
        "twice) builds it while tracing again, and the call raises.",
    bad_example="def fit(data):\n"
                "    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
                "    for x in data:\n"
                "        step(model, x)  # a new model on every fit()",
    good_example="MODEL = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n\n"
                 "def fit(data):\n"
                 "    for x in data:\n"
                 "        step(MODEL, x)  # always the same model",
    check=check,
)
