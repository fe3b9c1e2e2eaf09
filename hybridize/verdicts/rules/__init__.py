"""Hazard rules: what forbids a refactoring beyond the papers' four attributes.

Each rule is one module with a registry entry (``RULE``) and a check over WALA's facts; this
package lists them and runs those that apply to a function.
"""

from __future__ import annotations

from hybridize.parse.functions import FunctionDef
from hybridize.report import Failure, Refactoring
from hybridize.verdicts.rules import (
    async_generator_function,
    conflicting_dtype_coercions,
    coroutine_function,
    covered_callers,
    eager_only_calls,
    function_object_uses,
    generator_function,
    invalid_name_arguments,
    keras_symbolic_arguments,
    late_variable_creation,
    no_tensor_computation,
    numpy_on_tensors,
    stale_variable_reads,
    statically_read_axes,
    tensor_iteration,
    unsupported_decorator,
)
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule

__all__ = ["RULES", "Category", "Rule", "RuleContext", "hazards", "rule_named",
           "signature_hazards"]

#: Every rule, in the order its failures are reported.
RULES: tuple[Rule, ...] = (
    eager_only_calls.RULE,
    numpy_on_tensors.RULE,
    invalid_name_arguments.RULE,
    function_object_uses.RULE,
    generator_function.RULE,
    coroutine_function.RULE,
    async_generator_function.RULE,
    unsupported_decorator.RULE,
    late_variable_creation.RULE,
    statically_read_axes.RULE,
    conflicting_dtype_coercions.RULE,
    stale_variable_reads.RULE,
    no_tensor_computation.RULE,
    tensor_iteration.RULE,
    covered_callers.RULE,
    keras_symbolic_arguments.RULE,
)


def rule_named(name: str) -> Rule | None:
    return next((rule for rule in RULES if rule.name == name), None)


def hazards(context: RuleContext, function: FunctionDef) -> tuple[Failure, ...]:
    """A failure for every rule that applies to ``function`` and finds its hazard there
    (rules that only withhold the input signature: ``signature_hazards``)."""
    return _failures(context, function, withholding=False)


def signature_hazards(context: RuleContext, function: FunctionDef) -> tuple[Failure, ...]:
    """A failure for every rule that forbids writing ``function``'s inferred signature."""
    return _failures(context, function, withholding=True)


def _failures(context: RuleContext, function: FunctionDef, withholding: bool
              ) -> tuple[Failure, ...]:
    refactoring = (Refactoring.OPTIMIZE_HYBRID_FUNCTION if function.hybrid
                   else Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID)
    failures = []
    for rule in RULES:
        if refactoring not in rule.applies_to or rule.withholds_signature != withholding:
            continue
        evidence = rule.check(context, function)
        if evidence:
            failures.append(Failure(rule.kind, rule.summary, evidence, rule=rule.name))
    return tuple(failures)
