"""Renders a Report as JSON (the contract), CSV (one row per function) or a text table;
SARIF (``sarif``) and GitHub annotations (``github``) have modules of their own."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from hybridize.report import FunctionReport, Report

CSV_COLUMNS = (
    "file", "line", "qualified_name", "hybrid", "tensor_parameter", "primitive_parameter",
    "python_side_effects", "recursive", "refactoring", "passing_precondition",
    "transformations", "failures", "applicability",
)


def _tri(value: bool | None) -> str:
    return "?" if value is None else ("yes" if value else "no")


def function_row(fn: FunctionReport) -> dict[str, object]:
    row = fn.to_json()
    row["transformations"] = " ".join(row["transformations"])
    row["failures"] = " ".join(f["kind"] for f in row["failures"])
    return {key: row[key] for key in CSV_COLUMNS}


def to_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2) + "\n"


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for fn in report.functions:
        writer.writerow(function_row(fn))
    return buffer.getvalue()


def to_text(report: Report) -> str:
    headers = ("location", "function", "hybrid", "tensor", "prim", "effects", "recur", "edit",
               "verdict")
    rows = [
        (
            f"{fn.file}:{fn.line}",
            fn.qualified_name,
            "yes" if fn.hybrid else "no",
            _tri(fn.tensor_parameter),
            _tri(fn.primitive_parameter),
            _tri(fn.python_side_effects),
            _tri(fn.recursive),
            fn.applicability.value if fn.applicability else "-",
            " ".join(t.value for t in fn.transformations)
            or ", ".join(f.kind.name for f in fn.failures)
            or "-",
        )
        for fn in report.functions
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
             for line in (headers, *rows)]
    for error in report.errors:
        where = f"{error.file}:{error.line}" if error.line else error.file
        lines.append(f"error: {where}: {error.message}")
    lines.extend(f"note: {note}" for note in report.notes)
    target = report.settings.get("tensorflow")
    if target is not None:  # the generation verdicts were decided for, and where it came from
        lines.append(f"target: TensorFlow {target['version'] or 'newest'}, Keras {target['keras']}"
                     f" ({target['source']})")
    summary = report.summary()
    lines.append(
        f"{summary['functions']} functions, {summary['candidates']} candidates, "
        f"{summary['refactorable']} refactorable, {len(report.errors)} files with errors"
    )
    return "\n".join(lines) + "\n"


def to_sarif(report: Report) -> str:
    from hybridize.renderers.sarif import to_sarif as render

    return render(report)


def to_github(report: Report) -> str:
    from hybridize.renderers.github import to_github as render

    return render(report)


RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": to_text, "json": to_json, "csv": to_csv, "sarif": to_sarif, "github": to_github,
}
