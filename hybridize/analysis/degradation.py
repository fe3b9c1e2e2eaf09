"""The report's words for each step the engine took down its ladder of cheaper analyses.

When the asked-for pointer analysis outgrows its budget, the whole analysis' deadline or the
heap, or throws (a bug in one analysis), the engine builds the call graph with a cheaper one
(``hybridize.bridge.wala.Degradation``):
1-CFA, then 0-CFA, then 0-CFA with coarse keys (one object per library path, per container
type), then none at all. Each step is named in the report's notes; with no call graph every
function is undetermined (``null`` with its UNDETERMINABLE_* failure), never guessed.
"""

from __future__ import annotations

from hybridize.bridge.wala import CallGraphSettings, Degradation, GivenUp

_DESCRIPTIONS = {
    "1-cfa": "the 1-cfa pointer analysis",
    "0-cfa": "the 0-cfa pointer analysis",
    "0-cfa-coarse": "the 0-cfa pointer analysis with coarse keys",
}

_NEXT = {
    "0-cfa": "0-cfa instead (less precise)",
    "0-cfa-coarse": ("0-cfa with coarse keys instead (one abstract object per library path and "
                     "per container type in each function: less precise)"),
}

#: What the report says when even the coarsest analysis did not finish.
NO_CALL_GRAPH = ("no call graph could be built, so every function is undetermined (its "
                 "attributes unknown, never guessed)")


def degradation_notes(degradation: Degradation, settings: CallGraphSettings) -> list[str]:
    """One note per rung given up, naming why and what the call graph was built with next."""
    notes = []
    rungs = [step.rung for step in degradation.given_up] + [degradation.rung]
    for step, following in zip(degradation.given_up, rungs[1:], strict=True):
        then = (NO_CALL_GRAPH if following == "none"
                else f"the call graph was built with {_NEXT.get(following, following)}")
        notes.append(f"{_DESCRIPTIONS.get(step.rung, step.rung)} {_why(step, settings)}; {then}")
    return notes


def _why(step: GivenUp, settings: CallGraphSettings) -> str:
    if step.reason == "error":
        return f"failed with an internal error ({step.error})"
    if step.reason == "budget":
        allowed = settings.budget_seconds if step.allowed is None else step.allowed
        return f"ran past its {allowed:.3g} s budget"
    if step.reason == "work":
        per = f" ({settings.steps_per_instruction:g} per IR instruction of the project)"
        # No seconds: a budget of steps gives up at the same point on any machine, and so
        # does the note.
        return f"needed more than its {step.step_limit or 0:,} solver steps{per}"
    if step.reason == "memory":
        # The coarse rung, the last before none, may use half of what the guard keeps back.
        guard = settings.memory_fraction
        share = (1 + guard) / 2 if step.rung == "0-cfa-coarse" else guard
        return (f"kept over {share:.0%} of the JVM heap live (the memory guard) after "
                f"{step.seconds:.0f} s")
    return (f"was stopped after {step.seconds:.3g} s to keep within the analysis deadline "
            f"({settings.deadline_seconds:g} s)")
