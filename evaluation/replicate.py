"""Replication-study driver: analyse several projects and tabulate the results.

Each project is analysed in its own process (``python -m hybridize analyze --format json``):
one JVM per project, so no result depends on what was analysed before it in the same JVM,
and a crash or heap exhaustion in one project does not lose the others.

    python evaluation/replicate.py PROJECT [PROJECT ...] --out evaluation/results/run1

Writes ``<out>/<name>.json`` (each report), ``<out>/summary.csv`` (one row per project,
the columns of the papers' results tables) and prints the same table.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

FAILURE_COLUMNS = (
    "HAS_NO_TENSOR_PARAMETERS", "HAS_PRIMITIVE_PARAMETERS", "HAS_PYTHON_SIDE_EFFECTS",
    "IS_RECURSIVE", "UNDETERMINABLE_TENSOR_PARAMETER", "UNDETERMINABLE_PRIMITIVE_PARAMETER",
    "UNDETERMINABLE_SIDE_EFFECTS", "CANT_APPROXIMATE_RECURSION", "HAS_NO_PRIMITIVE_PARAMETERS",
)


@dataclass(frozen=True)
class ProjectResult:
    name: str
    ok: bool
    seconds: float
    report: dict | None
    stderr: str

    def row(self) -> dict[str, object]:
        row: dict[str, object] = {"project": self.name, "ok": self.ok,
                                  "seconds": round(self.seconds, 2)}
        summary = (self.report or {}).get("summary", {})
        row["functions"] = summary.get("functions")
        row["candidates"] = summary.get("candidates")
        row["refactorable"] = summary.get("refactorable")
        row["hybrid"] = sum(fn["hybrid"] for fn in (self.report or {}).get("functions", []))
        row["files_with_errors"] = len((self.report or {}).get("errors", []))
        by_failure = summary.get("by_failure", {})
        for kind in FAILURE_COLUMNS:
            row[kind] = by_failure.get(kind, 0) if self.report else None
        return row


def analyse(project: Path, heap: str | None) -> ProjectResult:
    command = [sys.executable, "-m", "hybridize", "analyze", str(project), "--format", "json"]
    if heap:
        command += ["--jvm-heap", heap]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    report = json.loads(done.stdout) if done.returncode in (0, 1) and done.stdout else None
    return ProjectResult(project.name, report is not None, seconds, report, done.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jvm-heap", metavar="SIZE")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for index, project in enumerate(args.projects, 1):
        print(f"[{index}/{len(args.projects)}] {project}", file=sys.stderr)
        result = analyse(project, args.jvm_heap)
        if result.report is not None:
            (args.out / f"{result.name}.json").write_text(json.dumps(result.report, indent=2))
        else:
            print(f"  failed: {result.stderr.strip()[-500:]}", file=sys.stderr)
        results.append(result)
    rows = [r.row() for r in results]
    with open(args.out / "summary.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    table = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
    table.writeheader()
    table.writerows(rows)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
