"""Copies of small programs with hybridize's own edits applied, and runs of them under
TensorFlow in a subprocess (``program_runner.py``), for tests that compare the two."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hybridize.edit import EditRequest, plan_file
from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project
from hybridize.report import Transformation

RUNNER = Path(__file__).parent / "program_runner.py"
TIMEOUT_S = 600


def edit_requests(root: Path, names: dict[str, Transformation]) -> dict[str, list[EditRequest]]:
    """Requests for the named functions of the program at ``root``, by relative file."""
    requests: dict[str, list[EditRequest]] = {}
    for module in load_project(root).modules:
        for function in module_functions(module):
            if function.qualified_name in names:
                requests.setdefault(function.file, []).append(EditRequest(
                    function.line, function.qualified_name, names[function.qualified_name]))
    missing = set(names) - {r.qualified_name for rs in requests.values() for r in rs}
    assert not missing, f"no such functions: {sorted(missing)}"
    return requests


def toggled(root: Path, names: list[str]) -> dict[str, Transformation]:
    """The edit the analysis would make on each function: add or remove @tf.function."""
    hybrid = {f.qualified_name: f.hybrid is not None
              for module in load_project(root).modules for f in module_functions(module)}
    return {name: Transformation.CONVERT_TO_EAGER if hybrid[name]
            else Transformation.CONVERT_TO_HYBRID for name in names}


def edited_copy(root: Path, into: Path, names: dict[str, Transformation]) -> Path:
    """``root`` copied to ``into`` with the edits of ``plan_file`` written; all must apply."""
    shutil.copytree(root, into, ignore=shutil.ignore_patterns("__pycache__", "*.json"))
    for file, requests in edit_requests(root, names).items():
        plan = plan_file(file, (root / file).read_bytes(), requests)
        assert plan.edit is not None and not plan.refusals, plan.refusals
        (into / file).write_bytes(plan.edit.updated)
    return into


def run_programs(jobs: list[dict[str, Any]], scratch: Path,
                 environment: Mapping[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """Runs every job's ``main.py`` in one TensorFlow process (``environment`` added to this
    process' own, e.g. to choose the Keras generation); results by job directory."""
    path = scratch / f"program-jobs-{len(list(scratch.glob('program-jobs-*.json')))}.json"
    path.write_text(json.dumps(jobs))
    completed = subprocess.run([sys.executable, str(RUNNER), str(path)], capture_output=True,
                               text=True, timeout=TIMEOUT_S, check=False,
                               env={**os.environ, **(environment or {})})
    results = {row["dir"]: row for row in map(json.loads, completed.stdout.splitlines())}
    assert len(results) == len(jobs), completed.stderr[-4000:]
    return results
