"""NO_TENSOR_COMPUTATION: neither the function nor any function it calls computes a tensor.

A benefit rule: ``@tf.function`` pays off by running TensorFlow operations as one graph. A
function whose traced call would run none (it only handles Python values, NumPy arrays or
the static shape of its arguments) gains nothing and pays for tracing; it stays eager. Decided
over WALA's facts, transitively over the call graph: a tensor the pointer analysis allocates
in the function's own code (a TensorFlow call's result, an operator on a tensor, a Keras
layer's output), or a call into TensorFlow or Keras, or a method call on a TensorFlow value.
The same finding turns a hybrid function with tensor parameters but no tensor computation
eager (P6).
"""

from __future__ import annotations

from hybridize.bridge.value_kinds import ValueKind
from hybridize.bridge.wala import CallEdge
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.preconditions import Finding
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule

#: Libraries whose calls run TensorFlow operations.
TENSORFLOW_ROOTS = frozenset({"tensorflow", "keras", "tf_keras"})
#: Values whose methods run TensorFlow operations.
TENSORFLOW_VALUES = frozenset({ValueKind.TENSOR, ValueKind.VARIABLE, ValueKind.DATASET,
                               ValueKind.KERAS_OBJECT, ValueKind.TF_OBJECT,
                               ValueKind.VARIABLE_LIST})


def tensor_computation(context: RuleContext, function: FunctionDef) -> Finding:
    """Whether a traced call of ``function`` would run TensorFlow, with the first place that
    does (True) or the function itself (False)."""
    name = function.qualified_name
    found = context.reaches(name, tensor_computation, lambda f: _computes_here(context, f))
    for reached in context.reached(name) if found else ():
        made = context.tensor_computations.get(reached.qualified_name, ())
        if made:
            first = made[0]
            what = context.at(f"computes a tensor (`{first.what}`)", first.file, first.line,
                              first.span)
            return Finding(True, (reached.evidence(first.file, first.line, what, first.span),))
        call = next((c for c in context.library_calls(reached.qualified_name)
                     if _runs_tensorflow(c)), None)
        if call is not None:
            what = context.at(f"calls `{call.callee}`", call.file, call.line, call.span)
            return Finding(True, (reached.evidence(call.file, call.line, what, call.span),))
    count = context.reached_count(name)
    who = (f"`{function.name}` and the {count} project function(s) it calls compute"
           if count else f"`{function.name}` computes")
    return Finding(False, (Evidence(function.file, function.line,
                                    f"{who} no tensor and call no TensorFlow API"),))


def _computes_here(context: RuleContext, function: str) -> bool:
    """Whether ``function``'s own code computes a tensor or calls TensorFlow."""
    return bool(context.tensor_computations.get(function)) or any(
        _runs_tensorflow(c) for c in context.library_calls(function))


def _runs_tensorflow(call: CallEdge) -> bool:
    return (call.receiver in TENSORFLOW_VALUES
            or call.callee.partition(".")[0] in TENSORFLOW_ROOTS)


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    found = tensor_computation(context, function)
    return () if found.value else found.evidence


RULE = Rule(
    name="no-tensor-computation",
    kind=FailureKind.NO_TENSOR_COMPUTATION,
    category=Category.BENEFIT,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="performs no tensor computation (itself or in the functions it calls), so a graph "
            "would not make it faster",
    why="@tf.function speeds up TensorFlow operations by running them as one graph. A "
        "function that runs none (it only handles Python values, NumPy arrays or static "
        "shapes) gains nothing and pays for tracing and retracing.",
    bad_example="def batch_count(x):\n    return x.shape[0] // 32",
    good_example="def normalised(x):\n    return (x - tf.reduce_mean(x)) / tf.math.reduce_std(x)",
    check=check,
)
