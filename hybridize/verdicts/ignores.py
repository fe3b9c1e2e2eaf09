"""Failures the user chose to ignore (``ignore`` in ``[tool.hybridize]``): they stay in the
report, marked ``"ignored": true``, and no longer block the refactoring.

A refactoring that passes only because failures were ignored rests on the user's word, not on
a proof: it carries an assumption naming what was ignored, so its edit is graded *unsafe*.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from hybridize.parse.config import ConfigError, near_matches
from hybridize.report import (
    Assumption,
    AssumptionBasis,
    Failure,
    FailureKind,
    Precondition,
    Transformation,
)
from hybridize.verdicts.preconditions import Decision


def check_names(entries: Iterable[str]) -> None:
    """Raises ConfigError for an entry that is no failure kind, code or rule name."""
    from hybridize.verdicts.rules import RULES

    known = [kind.name for kind in FailureKind] + [rule.name for rule in RULES]
    codes = {str(kind.code) for kind in FailureKind}
    for entry in entries:
        if entry not in known and entry not in codes:
            raise ConfigError(f"ignore: {entry!r} is no failure kind, code or rule name"
                              f"{near_matches(entry, known)}")


def is_ignored(failure: Failure, ignore: frozenset[str]) -> bool:
    return bool({failure.kind.name, str(failure.kind.code), failure.rule} & ignore)


def _passing(hybrid: bool, tensor: bool | None) -> tuple[Precondition, Transformation]:
    if not hybrid:
        return Precondition.P1, Transformation.CONVERT_TO_HYBRID
    # Removing tf.function: P2 is the no-tensor case, P3 every other.
    return (Precondition.P2 if tensor is False else Precondition.P3,
            Transformation.CONVERT_TO_EAGER)


def waive(decision: Decision, ignore: frozenset[str], hybrid: bool,
          tensor: bool | None) -> tuple[Decision, list[Assumption]]:
    """The decision once ignored failures no longer block, and the assumptions that makes."""
    marked = tuple(dataclasses.replace(f, ignored=True) if is_ignored(f, ignore) else f
                   for f in decision.failures)
    waived = [f for f in marked if f.ignored]
    if not waived:
        return decision, []
    decision = dataclasses.replace(decision, failures=marked)
    if decision.passing_precondition is not None or len(waived) < len(marked):
        return decision, []
    precondition, transformation = _passing(hybrid, tensor)
    reasons = ", ".join(sorted({f.kind.name for f in waived}))
    return (dataclasses.replace(decision, passing_precondition=precondition,
                                transformations=(transformation,)),
            [Assumption("ignored", f"passes only because the configuration ignores {reasons}",
                        AssumptionBasis.IGNORED)])
