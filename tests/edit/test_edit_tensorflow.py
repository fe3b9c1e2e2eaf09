"""The refactored module computes what the original does, through tf.function.

TensorFlow runs only in a subprocess: the JVM lives in the pytest process elsewhere
in the suite, and TensorFlow's fault handlers must not meet it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _edit_golden import def_lines

from hybridize.edit import EditRequest, plan_file, write_file_edit
from hybridize.report import Transformation

FIXTURES = Path(__file__).parent / "fixtures"
MODULE = FIXTURES / "tf_eager_module.py"
#: Called directly (nested functions are exercised through `outer`).
CALLED = ["square", "normalise", "leaky", "Layer.call", "outer"]


@pytest.mark.tensorflow
def test_hybridized_module_computes_the_same_through_tf_function(tmp_path: Path) -> None:
    refactored = tmp_path / "tf_eager_module.py"
    shutil.copyfile(MODULE, refactored)
    source = refactored.read_bytes()
    functions = {path: line for path, line in def_lines(source).items() if path != "Layer.__init__"}
    assert set(CALLED) | {"outer.inner"} == set(functions)
    requests = [
        EditRequest(line, f"tf_eager_module.{path}", Transformation.CONVERT_TO_HYBRID)
        for path, line in functions.items()
    ]
    plan = plan_file(refactored.name, source, requests)
    assert plan.refusals == ()
    assert plan.edit is not None and len(plan.edit.applied_requests) == len(requests)
    assert write_file_edit(tmp_path, plan.edit) is None

    compare = FIXTURES / "compare_modules.py"
    completed = subprocess.run(
        [sys.executable, str(compare), str(MODULE), str(refactored), *CALLED],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr[-3000:]
    verdicts = json.loads(completed.stdout.strip().splitlines()[-1])
    agrees_through_tf_function = {
        "allclose": True,
        "original_is_tf_function": False,
        "refactored_is_tf_function": True,
    }
    assert verdicts == {name: agrees_through_tf_function for name in CALLED}
