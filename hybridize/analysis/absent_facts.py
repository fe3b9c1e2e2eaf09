"""What a fact the front end could not compute leaves undetermined.

``WalaFacts`` asks the engine for each fact alone; one whose extractor throws is absent (None)
and one entry of the report's errors, and the rest of the analysis goes on. No verdict that
needs an absent fact is guessed:

    parameter_values   -> tensor_parameter and primitive_parameter are null
    side_effects       -> python_side_effects is null
    a fact a hazard rule or precondition P4-P6 reads (``DECIDES``)
                       -> every attribute of each function whose refactoring it decides is
                          null: the rule could not clear the function

Null attributes fail with their UNDETERMINABLE_* kinds, so such a function is never
refactorable; its ``info`` names the fact it misses.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from hybridize.parse.functions import FunctionDef
from hybridize.report import Refactoring
from hybridize.verdicts.preconditions import Finding, FunctionAttributes

__all__ = ["ATTRIBUTES", "DECIDES", "FACTS", "without_absent"]

_EAGER = Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID
_HYBRID = Refactoring.OPTIMIZE_HYBRID_FUNCTION
_BOTH = frozenset({_EAGER, _HYBRID})

#: The attributes of the published preconditions a fact decides for every function.
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "parameter_values": ("tensor_parameter", "primitive_parameter"),
    "side_effects": ("python_side_effects",),
}

#: The facts the hazard rules and preconditions P4-P6 read, and the refactorings whose verdicts
#: they decide (the rules' ``applies_to``).
DECIDES: dict[str, frozenset[Refactoring]] = {
    "stale_reads": _BOTH,  # stale-variable-reads
    "tensor_computations": _BOTH,  # no-tensor-computation (eager), P6 (hybrid)
    # P4 and P5; the rules that withhold a signature (18, 22) apply to both refactorings.
    "input_signatures": _BOTH,
    "tensor_iterations": frozenset({_EAGER}),  # tensor-iteration
    "function_object_uses": frozenset({_HYBRID}),  # function-object-uses
}

#: Every fact the analyses ask the front end for, one at a time.
FACTS = (*ATTRIBUTES, *DECIDES)


def without_absent(attributes: FunctionAttributes, fn: FunctionDef,
                   absent: frozenset[str]) -> FunctionAttributes:
    """``attributes`` with what the ``absent`` facts would have decided for ``fn`` unknown."""
    refactoring = _HYBRID if fn.hybrid else _EAGER
    deciding = [fact for fact in DECIDES if fact in absent and refactoring in DECIDES[fact]]
    nulling = [fact for fact in ATTRIBUTES if fact in absent]
    if not deciding and not nulling:
        return attributes
    info = attributes.info + tuple(
        f"undetermined: the analysis could not compute {fact} (see errors)"
        for fact in (*nulling, *deciding))
    if deciding:
        return FunctionAttributes(info=info)
    unknown: dict[str, Any] = {name: Finding.unknown() for fact in nulling for name in ATTRIBUTES[fact]}
    return dataclasses.replace(attributes, info=info, **unknown)
