"""End to end on the bundled example: analyse, apply the edits, and show with TensorFlow
that the refactored program computes what the original did.

TensorFlow runs in subprocesses only: this pytest process hosts the JVM.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hybridize.cli import main
from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "mnist_like"

#: Trains the example with fixed seeds, running main() argv[2] times in one process (2: a
#: notebook re-run, a second fold); prints the per-step losses of every run and which
#: functions are tf.function objects.
RUNNER = """
import json, sys
sys.path.insert(0, sys.argv[1])
import tensorflow as tf
tf.keras.utils.set_random_seed(0)
import train, data, model
for _ in range(int(sys.argv[2])):
    train.main()
traced = sorted(
    f"{module.__name__}.{name}"
    for module in (train, data)
    for name, value in vars(module).items()
    if isinstance(value, tf.types.experimental.PolymorphicFunction)
)
print(json.dumps({"losses": train.loss_history, "traced": traced}))
"""


def _run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue()


def _train(project: Path, runs: int = 1) -> dict:
    done = subprocess.run([sys.executable, "-c", RUNNER, str(project), str(runs)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _hybrid_functions(project: Path) -> set[str]:
    return {fn.qualified_name for module in load_project(project).modules
            for fn in module_functions(module) if fn.hybrid}


@pytest.mark.tensorflow
def test_apply_on_the_example_keeps_results(tmp_path: Path) -> None:
    project = tmp_path / "mnist_like"
    shutil.copytree(EXAMPLE, project)
    code, report_json = _run(["analyze", str(project), "--format", "json"])
    assert code == 0
    report = json.loads(report_json)["functions"]
    to_hybrid = {f["qualified_name"] for f in report
                 if "CONVERT_TO_HYBRID" in f["transformations"] and not f["assumptions"]}
    to_eager = {f["qualified_name"] for f in report
                if "CONVERT_TO_EAGER" in f["transformations"] and not f["assumptions"]}
    assert to_hybrid, "the example has safe candidates for hybridization"
    before = _hybrid_functions(project)

    code, diff = _run(["apply", str(project), "--write"])
    assert code == 0 and diff.startswith("# ")
    assert _hybrid_functions(project) == (before | to_hybrid) - to_eager
    # Idempotent: a second run finds nothing left to change.
    assert _run(["apply", str(project), "--check"]) == (0, "")

    original, refactored = _train(EXAMPLE), _train(project)
    assert len(refactored["losses"]) == len(original["losses"]) > 0
    for ours, theirs in zip(refactored["losses"], original["losses"], strict=True):
        assert ours == pytest.approx(theirs, rel=1e-4, abs=1e-5)
    # The module-level functions made hybrid really run as tf.function now.
    module_level = {name for name in to_hybrid if name.count(".") == 1}
    assert module_level <= set(refactored["traced"])


@pytest.mark.tensorflow
def test_the_refactored_example_survives_main_running_twice(tmp_path: Path) -> None:
    # A step given a fresh model on the second run would build it on a later trace and raise
    # (HAS_LATE_VARIABLE_CREATION keeps it eager); the safe conversions must all survive.
    project = tmp_path / "mnist_like"
    shutil.copytree(EXAMPLE, project)
    code, report_json = _run(["analyze", str(project), "--format", "json"])
    assert code == 0
    safe = {f["qualified_name"] for f in json.loads(report_json)["functions"]
            if "CONVERT_TO_HYBRID" in f["transformations"] and not f["assumptions"]
            and f["qualified_name"].count(".") == 1}
    assert safe, "the example keeps a safe module-level conversion"
    code, diff = _run(["apply", str(project), "--write"])
    assert code == 0 and "CONVERT_TO_HYBRID" in diff
    original, refactored = _train(EXAMPLE, runs=2), _train(project, runs=2)
    # The conversions are in force on the second run, and both runs compute as before.
    assert safe <= set(refactored["traced"])
    assert len(refactored["losses"]) == len(original["losses"]) > 0
    for ours, theirs in zip(refactored["losses"], original["losses"], strict=True):
        assert ours == pytest.approx(theirs, rel=1e-4, abs=1e-5)
