"""P6 end to end: ``apply --write`` removes ``@tf.function`` from the hybrid functions that
compute no tensor, keeps it where the function computes or its tf.function object is used,
and the applied program leaves the same values as the original (TensorFlow in a subprocess,
``dehybridize_runner.py``; this process hosts the JVM).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_cases import FixtureCase, all_cases

from hybridize.cli import main
from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project

RUNNER = Path(__file__).parent / "dehybridize_runner.py"
#: Fixtures with hybrid functions P6 de-hybridizes.
CASES = [case for case in all_cases()
         if any(want["verdict"] == "P6" for want in case.functions.values())]


def _hybrid(root: Path) -> set[str]:
    return {fn.qualified_name for module in load_project(root).modules
            for fn in module_functions(module) if fn.hybrid}


def _values(roots: list[Path], modules: list[str], scratch: Path) -> list[dict]:
    jobs = [{"id": str(root), "root": str(root), "modules": modules} for root in roots]
    (scratch / "jobs.json").write_text(json.dumps(jobs))
    done = subprocess.run([sys.executable, str(RUNNER), str(scratch / "jobs.json")],
                          capture_output=True, text=True, timeout=600, check=False)
    rows = {row["id"]: row for row in map(json.loads, filter(
        lambda line: line.startswith("{"), done.stdout.splitlines()))}
    assert len(rows) == len(jobs), done.stderr[-3000:]
    return [rows[str(root)] for root in roots]


@pytest.mark.jvm
@pytest.mark.tensorflow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_apply_removes_the_decorator_of_p6_functions(case: FixtureCase, tmp_path: Path) -> None:
    project = tmp_path / case.name
    shutil.copytree(case.root, project, ignore=shutil.ignore_patterns("*.json", "__pycache__"))
    p6 = {name for name, want in case.functions.items() if want["verdict"] == "P6"}
    kept = {name for name, want in case.functions.items() if want["hybrid"]} - p6
    assert kept, "a P6 fixture also needs a hybrid function that stays hybrid"
    before = _hybrid(project)

    code = main(["apply", str(project), "--write"], out=io.StringIO(), err=io.StringIO())
    assert code == 0
    assert _hybrid(project) == before - p6

    original, applied = _values([case.root, project], sorted(case.modules()), tmp_path)
    assert original["raised"] is None and applied["raised"] is None, applied["raised"]
    assert applied["values"] == original["values"]


def test_p6_is_exercised() -> None:
    assert len(CASES) >= 2
