"""Dynamic proof of P4/P5: TensorFlow (in a subprocess) runs each fixture's call sites through
the original and the reconfigured tf.functions: the reconfigured ones give the same outputs,
trace once where the originals retraced, and accept what a tighter or incomparable supplied
signature rejected. The reconfigured source is what ``apply`` writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from hybridize.analysis.infer import infer_attributes
from hybridize.analyze import analyze_path
from hybridize.commands.apply import select_requests
from hybridize.edit import plan_file
from hybridize.settings import AnalysisSettings

FIXTURES = Path(__file__).parent / "fixtures"
RUNNER = Path(__file__).parent / "signature_runner.py"


def _run(path: Path, environment: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The runner's record of ``path``'s run, under ``environment`` (a Keras generation)."""
    done = subprocess.run([sys.executable, str(RUNNER), str(path)], capture_output=True,
                          text=True, timeout=300, check=True,
                          env={**os.environ, **(environment or {})})
    return json.loads(done.stdout.strip().splitlines()[-1])


def _reconfigured(fixture: Path, tmp_path: Path) -> tuple[Path, set[str], set[str]]:
    report = analyze_path(fixture, AnalysisSettings(), infer=infer_attributes)
    requests, _ = select_requests(report, unsafe=False, select=[])
    plan = plan_file("main.py", (fixture / "main.py").read_bytes(), requests["main.py"])
    assert plan.refusals == () and plan.edit is not None
    shutil.copytree(fixture, tmp_path, dirs_exist_ok=True)  # the fixture's other modules
    out = tmp_path / "main.py"
    out.write_bytes(plan.edit.updated)
    added = {fn.name for fn in report.functions if fn.passing_precondition
             and fn.passing_precondition.value == "P4"}
    replaced = {fn.name for fn in report.functions if fn.passing_precondition
                and fn.passing_precondition.value == "P5"}
    return out, added, replaced


@pytest.mark.parametrize("fixture", ["signature_p4_add", "signature_p5_replace",
                                     "signature_static_axis_reads", "signature_dtype_conflict",
                                     "signature_variable_parameter",
                                     "signature_static_axis_multi_file",
                                     "signature_dataset_elements", "signature_shape_ops",
                                     "signature_keras_input",
                                     "signature_dtype_conflict_multi_file"])
def test_reconfigured_functions_agree_and_trace_once(fixture: str, tmp_path: Path) -> None:
    edited, added, replaced = _reconfigured(FIXTURES / fixture, tmp_path)
    before, after = _run(FIXTURES / fixture / "main.py"), _run(edited)
    assert added | replaced
    for name in added | replaced:
        assert after["traces"][name] == 1, name
        assert not any(isinstance(c, str) for c in after["calls"][name]), name
    for name in added:
        assert before["traces"][name] > 1, name  # the original retraced
        assert before["calls"][name] == after["calls"][name], name
    for name in replaced:
        # The supplied signature rejected some call site's tensors; the agreeing calls match.
        assert any(isinstance(c, str) for c in before["calls"][name]), name
        for old, new in zip(before["calls"][name], after["calls"][name], strict=True):
            assert isinstance(old, str) or old == new, name
    # Functions apply de-hybridized (P2) are no tf.function afterwards: the de-hybridization
    # tests prove them. Every other one is untouched: same calls (none: never called), traces.
    for name in set(before["traces"]) & set(after["traces"]) - added - replaced:
        assert before["calls"].get(name) == after["calls"].get(name), name
        assert before["traces"][name] == after["traces"][name], name
