"""Framework rules that forbid adding ``@tf.function`` although the four attributes allow it.

The papers' tables predate Keras 3: a Keras ``call`` decorated with ``@tf.function`` that
calls sublayers returns the right values but a ``GradientTape`` outside it gets no gradients
for the weights of sublayers built while tracing, so training silently stops (the weights of
a layer's own ``add_weight`` variables are unaffected). Keras 2 (TensorFlow <= 2.15,
``tf_keras``) trains the same code. The API model marks such framework methods with
``blocked_when_calling`` and the Keras generations it holds for; on a target of such a
generation, a method whose body calls a value of that kind (a library call edge whose called
object WALA's pointer analysis typed so, or the ``call`` of a project class the framework
also calls) gets a CURRENTLY_NOT_HANDLED failure naming the calls. Calls to layers that own no
weights (``Dropout``, ``Flatten``, ..., the model's measured ``except`` list) lose nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from hybridize.analysis.models import ApiModel
from hybridize.analysis.quote import SourceQuoter
from hybridize.analysis.speculative import framework_method
from hybridize.bridge.wala import CallEdge
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, Failure, FailureKind
from hybridize.verdicts.rules.context import RuleContext


def framework_blockers(model: ApiModel, fn: FunctionDef, families: Mapping[str, str],
                       calls: RuleContext, quoter: SourceQuoter, keras: int
                       ) -> tuple[Failure, ...]:
    """``keras``: the generation the project targets (``AnalysisSettings.keras``)."""
    family = families.get(fn.qualified_name)
    contract = framework_method(model, fn, family)
    if contract is None or contract.blocked_when_calling is None:
        return ()
    if contract.blocked_keras and keras not in contract.blocked_keras:
        return ()
    kind = contract.blocked_when_calling
    evidence = tuple(
        _evidence(edge, quoter) for edge in calls.calls_from(fn.qualified_name)
        if edge.receiver == kind and edge.callee.endswith(".__call__")
        and _called_class(edge) not in contract.blocked_except
        or families.get(edge.callee) == family and edge.callee.endswith(".call"))
    if not evidence:
        return ()
    return (Failure(FailureKind.CURRENTLY_NOT_HANDLED, contract.blocked_reason, evidence),)


def _called_class(edge: CallEdge) -> str:
    return edge.callee.removesuffix(".__call__").removesuffix(".call")


def _evidence(edge: CallEdge, quoter: SourceQuoter) -> Evidence:
    what = quoter.at(f"calls the Keras layer `{_called_class(edge)}`", edge.file, edge.line,
                     edge.span)
    return Evidence(edge.file, edge.line, what, edge.span)
