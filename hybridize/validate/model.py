"""What `hybridize validate` found: plain frozen data behind the JSON contract.

The JSON keys are a public interface (shared/design/output-contract.md): add keys, never
rename or drop one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from hybridize.report import Transformation


class Outcome(enum.Enum):
    """How a refactored function behaved in the user's own program, compared call by call."""

    AGREE = "agree"
    DIVERGE = "diverge"
    #: It raised (while tracing, or when called) where the original did not.
    RAISE = "raise"
    NOT_CALLED = "not_called"

    @property
    def is_failure(self) -> bool:
        return self in (Outcome.DIVERGE, Outcome.RAISE)


class Evidence(enum.Enum):
    """What the comparison could look at."""

    #: Output values of calls made from Python (eager), within the tolerance.
    VALUES = "values"
    #: Only structure, dtypes and shapes: one run called the function only while tracing.
    SHAPES = "shapes"


@dataclass(frozen=True)
class Tolerance:
    rtol: float = 1e-4
    atol: float = 1e-5

    def close(self, ours: float, theirs: float) -> bool:
        if ours != ours or theirs != theirs:  # NaN equals NaN here: both runs produced it
            return ours != ours and theirs != theirs
        if ours == theirs:  # infinities
            return True
        return abs(ours - theirs) <= self.atol + self.rtol * abs(theirs)


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    #: The first difference, for a person; None when the function agrees.
    detail: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class RunResult:
    """One run of the user's command; `exit` is None when it was stopped at the time limit."""

    exit: int | None
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {"exit": self.exit, "seconds": round(self.seconds, 3)}


def ratio(before: float | None, after: float | None) -> float | None:
    if before is None or after is None or before <= 0 or after <= 0:
        return None
    return round(before / after, 3)


@dataclass(frozen=True)
class FunctionValidation:
    qualified_name: str
    transformation: Transformation
    #: Calls in the original run (from Python, and made while tracing an enclosing graph).
    calls: int
    refactored_calls: int
    #: Executions of the Python body while tracing, in the run where it is a tf.function.
    traces: int
    verdict: Verdict
    #: Time inside the function over its eager calls, where it runs eagerly / as a tf.function.
    eager_seconds: float | None
    graph_seconds: float | None
    #: The speedup over the calls that did not trace (in the long run, what a call gains).
    steady_speedup: float | None = None

    @property
    def outcome(self) -> Outcome:
        return self.verdict.outcome

    def to_json(self) -> dict[str, Any]:
        evidence = self.verdict.evidence
        return {
            "qualified_name": self.qualified_name,
            "transformation": self.transformation.value,
            "calls": self.calls,
            "traces": self.traces,
            "outcome": self.outcome.value,
            "eager_seconds": _rounded(self.eager_seconds),
            "graph_seconds": _rounded(self.graph_seconds),
            "speedup": ratio(self.eager_seconds, self.graph_seconds),
            "steady_speedup": self.steady_speedup,
            "refactored_calls": self.refactored_calls,
            "compared": evidence.value if evidence else None,
            "detail": self.verdict.detail,
        }


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 6)


@dataclass(frozen=True)
class ValidationReport:
    command: tuple[str, ...]
    project: str
    original: RunResult
    refactored: RunResult
    functions: tuple[FunctionValidation, ...]
    tolerance: Tolerance
    #: Edits the editor refused, as `apply` prints them.
    refused: tuple[str, ...] = ()

    @property
    def speedup(self) -> float | None:
        return ratio(self.original.seconds, self.refactored.seconds)

    @property
    def regressed(self) -> bool:
        """Something the refactoring broke: a function, or the command itself."""
        broken_command = self.original.exit == 0 and self.refactored.exit != 0
        return broken_command or any(f.outcome.is_failure for f in self.functions)

    def to_json(self) -> dict[str, Any]:
        return {
            "command": list(self.command),
            "original": self.original.to_json(),
            "refactored": self.refactored.to_json(),
            "speedup": self.speedup,
            "functions": [function.to_json() for function in self.functions],
            "project": self.project,
            "tolerance": {"rtol": self.tolerance.rtol, "atol": self.tolerance.atol},
            "refused": list(self.refused),
        }
