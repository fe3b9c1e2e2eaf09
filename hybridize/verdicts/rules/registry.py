"""The hazard rules' registry: one entry per rule, its text for people, and how to run it.

Laid out as ruff lays out its rules: every rule is one module of ``hybridize.verdicts.rules`` that
defines ``RULE`` (this module's ``Rule``: code, name, why, examples) and ``check``, which
reads the whole-program facts (``RuleContext``) and returns the evidence of a hazard in one
function, or nothing. The precondition tables (``hybridize.verdicts.preconditions``) turn what a rule
finds into a failure of its kind that blocks the refactorings the rule applies to.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hybridize.report import Evidence, FailureKind, Refactoring

if TYPE_CHECKING:
    from hybridize.parse.functions import FunctionDef
    from hybridize.verdicts.rules.context import RuleContext


class Category(enum.Enum):
    #: The refactoring would break the program or change what it computes.
    SAFETY = "safety"
    #: The refactoring would be correct but make the program no faster (or slower).
    BENEFIT = "benefit"


#: Evidence of the hazard in one function; empty when there is none.
Check = Callable[["RuleContext", "FunctionDef"], tuple[Evidence, ...]]


@dataclass(frozen=True)
class Rule:
    """One hazard: what it is called, why it matters, and what code shows it."""

    #: kebab-case, unique (``eager-only-call``): what a person searches for.
    name: str
    #: The failure kind it reports (several rules may share CURRENTLY_NOT_HANDLED).
    kind: FailureKind
    category: Category
    #: The refactorings it blocks.
    applies_to: frozenset[Refactoring]
    #: One line, used as the failure's message.
    summary: str
    #: Why it matters, for ``explain``.
    why: str
    #: Code that has the hazard, and the same done so that it does not.
    bad_example: str
    good_example: str
    check: Check
    #: The rule forbids writing the inferred input signature, not the refactoring: it blocks
    #: RECONFIGURE (P4/P5) and makes CONVERT_TO_HYBRID's ``--input-signatures`` write a bare
    #: decorator; removing or adding ``@tf.function`` without a signature stays allowed.
    withholds_signature: bool = False

    @property
    def code(self) -> int:
        return self.kind.code
