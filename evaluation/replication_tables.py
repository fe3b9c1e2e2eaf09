"""The papers' tables from a replication run's outcomes, as CSV, Markdown and PNG plots.

    projects.{csv,md}  one row per project: KLOC, functions, candidates, refactorable,
                       P1/P2/P3, time, peak memory, status
    failures.{csv,md}  one row per failure kind (by code), one column per project and a total
    refactorable.png   candidates and refactorable functions (P1/P2/P3) per project
    failures.png       failures by kind over all projects
    time.png           analysis time against KLOC
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas

PROJECT_COLUMNS = ("project", "status", "kloc", "functions", "candidates", "refactorable",
                   "P1", "P2", "P3", "hybrid", "files_with_errors", "seconds", "peak_rss_mb")


def project_row(outcome: dict[str, Any]) -> dict[str, Any]:
    report = outcome.get("report") or {}
    functions = report.get("functions", [])
    summary = report.get("summary", {})
    preconditions = [fn.get("passing_precondition") for fn in functions]
    known = bool(report)
    row = {"project": outcome["project"], "status": outcome["status"],
           "kloc": round(outcome.get("kloc", 0.0), 2),
           "seconds": outcome.get("seconds"), "peak_rss_mb": outcome.get("peak_rss_mb")}
    for key in ("functions", "candidates", "refactorable"):
        row[key] = summary.get(key) if known else None
    for name in ("P1", "P2", "P3"):
        row[name] = preconditions.count(name) if known else None
    row["hybrid"] = sum(bool(fn.get("hybrid")) for fn in functions) if known else None
    row["files_with_errors"] = len(report.get("errors", [])) if known else None
    return row


def projects_table(outcomes: list[dict[str, Any]]) -> pandas.DataFrame:
    rows = sorted((project_row(o) for o in outcomes), key=lambda r: r["project"])
    return pandas.DataFrame(rows, columns=list(PROJECT_COLUMNS))


def failures_table(outcomes: list[dict[str, Any]]) -> pandas.DataFrame:
    """Failures by kind (rows, by code) and project (columns), with a total column."""
    counts: dict[tuple[int, str], dict[str, int]] = {}
    projects = sorted(o["project"] for o in outcomes)
    for outcome in outcomes:
        for fn in (outcome.get("report") or {}).get("functions", []):
            for failure in fn["failures"]:
                per_project = counts.setdefault((failure["code"], failure["kind"]), {})
                per_project[outcome["project"]] = per_project.get(outcome["project"], 0) + 1
    rows = [{"code": code, "kind": kind, **{p: found.get(p, 0) for p in projects},
             "total": sum(found.values())} for (code, kind), found in sorted(counts.items())]
    return pandas.DataFrame(rows, columns=["code", "kind", *projects, "total"])


def to_markdown(frame: pandas.DataFrame) -> str:
    """A GitHub Markdown table (no optional dependency: pandas' needs tabulate)."""
    def cell(value: Any) -> str:
        return "" if value is None or (isinstance(value, float) and value != value) \
            else str(value)

    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    body = ["| " + " | ".join(cell(v) for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body]) + "\n"


def _save(figure: Any, path: Path) -> None:
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def plot_refactorable(projects: pandas.DataFrame, path: Path) -> None:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2 + 0.8 * len(projects), 4))
    axes = figure.add_subplot()
    frame = projects.set_index("project")[["candidates", "P1", "P2", "P3"]].fillna(0)
    positions = range(len(frame))
    axes.bar([p - 0.2 for p in positions], frame["candidates"], width=0.4, label="candidates")
    bottom = [0.0] * len(frame)
    for name in ("P1", "P2", "P3"):
        axes.bar([p + 0.2 for p in positions], frame[name], width=0.4, bottom=bottom,
                 label=f"refactorable ({name})")
        bottom = [b + v for b, v in zip(bottom, frame[name], strict=True)]
    axes.set_xticks(list(positions), frame.index, rotation=30, ha="right")
    axes.set_ylabel("functions")
    axes.legend()
    _save(figure, path)


def plot_failures(failures: pandas.DataFrame, path: Path) -> None:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 1 + 0.35 * max(len(failures), 1)))
    axes = figure.add_subplot()
    axes.barh(list(failures["kind"]), list(failures["total"]))
    axes.invert_yaxis()
    axes.set_xlabel("failures (all projects)")
    _save(figure, path)


def plot_time(projects: pandas.DataFrame, path: Path) -> None:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5, 4))
    axes = figure.add_subplot()
    axes.scatter(projects["kloc"], projects["seconds"])
    for _, row in projects.iterrows():
        axes.annotate(row["project"], (row["kloc"], row["seconds"]), fontsize=7)
    axes.set_xlabel("KLOC")
    axes.set_ylabel("analysis time (s)")
    _save(figure, path)


def write_tables(outcomes: list[dict[str, Any]], out: Path) -> dict[str, Path]:
    """Writes every table and plot under ``out``; returns them by name."""
    projects, failures = projects_table(outcomes), failures_table(outcomes)
    written = {}
    for name, frame in (("projects", projects), ("failures", failures)):
        written[f"{name}.csv"] = out / f"{name}.csv"
        frame.to_csv(written[f"{name}.csv"], index=False)
        written[f"{name}.md"] = out / f"{name}.md"
        written[f"{name}.md"].write_text(to_markdown(frame), encoding="utf-8")
    for name, plot, frame in (("refactorable.png", plot_refactorable, projects),
                              ("failures.png", plot_failures, failures),
                              ("time.png", plot_time, projects)):
        written[name] = out / name
        plot(frame, written[name])
    return written
