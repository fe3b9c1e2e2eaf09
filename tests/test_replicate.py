"""evaluation/replicate.py: three projects on a local Dask cluster (2 workers, 1 thread
each) write the tables and plots; a second run skips the finished projects; the per-project
time and memory limits stop an analysis."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "evaluation" / "replicate.py"
FIXTURES = REPO / "tests" / "analysis" / "fixtures"
PROJECTS = [REPO / "examples" / "mnist_like", FIXTURES / "recursion_mutual",
            FIXTURES / "effect_print"]
OUTPUTS = ("projects.csv", "projects.md", "failures.csv", "failures.md", "refactorable.png",
           "failures.png", "time.png")


def replicate(out: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, PROJECTS), "--out", str(out),
                           "--workers", "2", "--timeout", "300", *extra],
                          env=env, capture_output=True, text=True, timeout=600)


def test_three_projects_on_dask_make_the_tables_and_a_second_run_skips_them(
        tmp_path: Path) -> None:
    done = replicate(tmp_path)
    assert done.returncode == 0, done.stderr
    for name in OUTPUTS:
        assert (tmp_path / name).stat().st_size > 0, name
    assert all((tmp_path / n).read_bytes().startswith(b"\x89PNG") for n in OUTPUTS[-3:])
    rows = {r["project"]: r for r in csv.DictReader(open(tmp_path / "projects.csv"))}
    assert rows.keys() == {"mnist_like", "recursion_mutual", "effect_print"}
    # The table says what each project's own report says.
    cached = {json.loads(p.read_text())["project"]: json.loads(p.read_text())
              for p in (tmp_path / "projects").glob("*.json")}
    for name, row in rows.items():
        summary = cached[name]["report"]["summary"]
        assert row["status"] == "ok"
        assert int(row["functions"]) == summary["functions"]
        assert int(row["refactorable"]) == summary["refactorable"]
        assert int(row["P1"]) + int(row["P2"]) + int(row["P3"]) == summary["refactorable"]
        assert float(row["kloc"]) > 0
    failures = {r["kind"]: r for r in csv.DictReader(open(tmp_path / "failures.csv"))}
    assert int(failures["IS_RECURSIVE"]["recursion_mutual"]) == 2
    assert int(failures["HAS_PYTHON_SIDE_EFFECTS"]["effect_print"]) == 1
    assert "| project | status | kloc |" in (tmp_path / "projects.md").read_text()

    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "projects").glob("*.json")}
    again = replicate(tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("skipped ") == 3 and "[1/" not in again.stderr
    assert stamps == {p: p.stat().st_mtime_ns for p in (tmp_path / "projects").glob("*.json")}
    assert list(csv.DictReader(open(tmp_path / "projects.csv"))) == list(rows.values())


def test_the_time_and_memory_limits_stop_a_project(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "evaluation"))
    from replication_run import Limits, analyse_project

    slow = analyse_project(str(PROJECTS[0]), str(tmp_path / "t"), Limits(timeout_s=0.3))
    assert (slow["status"], slow["report"]) == ("timeout", None)
    big = analyse_project(str(PROJECTS[0]), str(tmp_path / "m"), Limits(memory_bytes=2 ** 20))
    assert (big["status"], big["report"]) == ("memory", None)
    # A failed outcome is finished too: cached, and run again only when asked.
    assert analyse_project(str(PROJECTS[0]), str(tmp_path / "m"), Limits())["cached"] is True
