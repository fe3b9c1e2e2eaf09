"""End to end through the command line: ``python -m hybridize apply --write`` (its own process,
its own JVM) on a copy of a retracing program, then TensorFlow runs the original and the
written program (each in a subprocess): the reconfigured function traces once where the
original retraced, and every call gives the same output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "analysis" / "fixtures" / "signature_p4_add"
RUNNER = ROOT / "tests" / "analysis" / "signature_runner.py"


def _traced(program: Path) -> dict:
    done = subprocess.run([sys.executable, str(RUNNER), str(program)], capture_output=True,
                          text=True, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_apply_write_removes_retracing_without_changing_results(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns("expected.json"))
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "hybridize", "apply", str(project), "--write"],
                          capture_output=True, text=True, timeout=600, env=environment, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    written = (project / "main.py").read_text()
    assert "input_signature=[tf.TensorSpec(shape=[None, 3], dtype=tf.float32)" in written
    before, after = _traced(FIXTURE / "main.py"), _traced(project / "main.py")
    assert before["traces"]["affine"] > 1  # the original retraced for each new shape
    assert after["traces"]["affine"] == 1
    assert after["calls"] == before["calls"]
    assert not any(isinstance(c, str) for calls in after["calls"].values() for c in calls)
