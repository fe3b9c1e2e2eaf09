"""Framework rules that forbid adding ``@tf.function`` although the four attributes allow it.

The papers' tables predate Keras 3: a Keras ``call`` decorated with ``@tf.function`` that
calls sublayers returns the right values but a ``GradientTape`` outside it gets no gradients
for the weights of sublayers built while tracing, so training silently stops (the weights of
a layer's own ``add_weight`` variables are unaffected). Keras 2 (TensorFlow <= 2.15,
``tf_keras``) trains the same code. The API model marks such framework methods with
``blocked_when_calling`` and the Keras generations it holds for; on a target of such a
generation, a method whose body calls a value of that kind gets a CURRENTLY_NOT_HANDLED
failure naming the calls.
"""

from __future__ import annotations

import ast

from hybridize.analysis.models import ApiModel
from hybridize.analysis.program import ProgramIndex, Scope
from hybridize.analysis.speculative import framework_method
from hybridize.analysis.values import Evaluator
from hybridize.report import Evidence, Failure, FailureKind


def framework_blockers(program: ProgramIndex, model: ApiModel, scope: Scope,
                       evaluator: Evaluator, keras: int) -> tuple[Failure, ...]:
    """``keras``: the generation the project targets (``AnalysisSettings.keras``)."""
    contract = framework_method(program, model, scope)
    if contract is None or contract.blocked_when_calling is None:
        return ()
    if contract.blocked_keras and keras not in contract.blocked_keras:
        return ()
    evidence = tuple(
        Evidence(scope.file, call.lineno, f"calls the Keras layer `{ast.unparse(call.func)}`")
        for call in scope.calls
        if any(o.kind is contract.blocked_when_calling
               for o in evaluator.eval(scope, call.func)))
    if not evidence:
        return ()
    return (Failure(FailureKind.CURRENTLY_NOT_HANDLED, contract.blocked_reason, evidence),)
