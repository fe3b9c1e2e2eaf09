"""The validation report as a table for a person, or as the JSON of the contract."""

from __future__ import annotations

import json

from hybridize.validate.model import FunctionValidation, Outcome, ValidationReport, ratio


def render_json(report: ValidationReport) -> str:
    return json.dumps(report.to_json(), indent=2) + "\n"


def render_text(report: ValidationReport) -> str:
    lines = [f"command: {' '.join(report.command)}", "", "run         exit  seconds"]
    for label, run in (("original", report.original), ("refactored", report.refactored)):
        exit_text = "timeout" if run.exit is None else str(run.exit)
        lines.append(f"{label:<10}  {exit_text:<4}  {run.seconds:.2f}")
    lines.append(f"speedup: {_times(report.speedup)}")
    lines.append("")
    lines.extend(_table(report.functions))
    for function in report.functions:
        if function.verdict.detail:
            lines.append(f"  {function.qualified_name}: {function.verdict.detail}")
    for refusal in report.refused:
        lines.append(f"  {refusal}")
    counts = {outcome: sum(1 for f in report.functions if f.outcome is outcome)
              for outcome in Outcome}
    lines.append(f"{len(report.functions)} function(s): "
                 + ", ".join(f"{counts[o]} {o.value.replace('_', ' ')}" for o in Outcome))
    return "\n".join(lines) + "\n"


def _table(functions: tuple[FunctionValidation, ...]) -> list[str]:
    header = ("function", "transformation", "calls", "traces", "outcome", "eager s", "graph s",
              "speedup", "steady")
    rows = [header] + [(f.qualified_name, f.transformation.value, str(f.calls), str(f.traces),
                        f.outcome.value, _seconds(f.eager_seconds), _seconds(f.graph_seconds),
                        _times(ratio(f.eager_seconds, f.graph_seconds)),
                        _times(f.steady_speedup))
                       for f in functions]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows]


def _seconds(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.4f}"


def _times(speedup: float | None) -> str:
    return "-" if speedup is None else f"{speedup:.3g}x"
