"""`hybridize validate`: the real analysis (JVM) chooses the edits, the user's command runs in
TensorFlow subprocesses on the project and on a refactored copy, and the runs are compared.

Nothing is mocked: the outcomes below come from running the programs.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from hybridize.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "mnist_like"
FIXTURES = Path(__file__).resolve().parent / "validate_fixtures"

FUNCTION_KEYS = {"qualified_name": str, "transformation": str, "calls": int, "traces": int,
                 "outcome": str}
TIMES = ("eager_seconds", "graph_seconds", "speedup")


def _validate(project: Path, *options: str, command: tuple[str, ...] = ("run.py",),
              ) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(project), *options, "--", sys.executable, *command],
                out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _check_contract(report: dict) -> None:
    assert isinstance(report["command"], list) and report["command"][0] == sys.executable
    for run in ("original", "refactored"):
        assert set(report[run]) >= {"exit", "seconds"} and report[run]["seconds"] > 0
    assert _ratio_of_rounded(report["speedup"], report["original"]["seconds"],
                             report["refactored"]["seconds"])
    for function in report["functions"]:
        for key, kind in FUNCTION_KEYS.items():
            assert isinstance(function[key], kind), key
        assert function["outcome"] in {"agree", "diverge", "raise", "not_called"}
        assert all(function[key] is None or function[key] >= 0 for key in TIMES)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def _analysis(project: Path) -> list[dict]:
    out = io.StringIO()
    assert main(["analyze", str(project), "--format", "json"], out=out, err=io.StringIO()) == 0
    return json.loads(out.getvalue())["functions"]


@pytest.mark.jvm
@pytest.mark.tensorflow
def test_the_example_agrees_everywhere_and_is_left_untouched(monkeypatch) -> None:
    before = _tree(EXAMPLE)
    monkeypatch.chdir(EXAMPLE)
    code, out, err = _validate(EXAMPLE, "--format", "json", command=("train.py",))
    assert code == 0, err
    report = json.loads(out)
    _check_contract(report)
    converted = {(f["qualified_name"], t) for f in _analysis(EXAMPLE) if not f["assumptions"]
                 for t in f["transformations"]}
    assert {(f["qualified_name"], f["transformation"]) for f in report["functions"]} == converted
    assert {f["outcome"] for f in report["functions"]} == {"agree"}
    assert report["original"]["exit"] == report["refactored"]["exit"] == 0
    assert report["speedup"] > 0
    by_name = {f["qualified_name"]: f for f in report["functions"]}
    # Two epochs of four batches: eight losses computed by the (eager) training step, compared
    # value by value. (train_step itself stays eager: HAS_LATE_VARIABLE_CREATION.)
    step = by_name["train.compute_loss"]
    assert (step["calls"], step["compared"]) == (8, "values") and step["traces"] >= 1
    assert _ratio_of_rounded(step["speedup"], step["eager_seconds"], step["graph_seconds"])
    assert step["steady_speedup"] > 0  # six of the eight steps did not trace
    # Removing @tf.function: the original run traced it once per Python int it was given.
    assert by_name["train.learning_rate"]["traces"] == 2
    assert _tree(EXAMPLE) == before  # nothing written into the user's project


@pytest.mark.jvm
@pytest.mark.tensorflow
def test_stale_python_state_diverges_after_tracing(monkeypatch, tmp_path: Path) -> None:
    project = FIXTURES / "stale_config"
    monkeypatch.chdir(project)
    # The stale-variable-read rule blocks the two functions that read Python state the
    # program changes between calls; only the pure one is converted and validated.
    blocked = {f["qualified_name"]: [x["kind"] for x in f["failures"]]
               for f in _analysis(project) if f["qualified_name"] != "run.main"}
    assert blocked["run.scaled"] == blocked["run.global_scaled"] == ["HAS_STALE_VARIABLE_READS"]
    code, out, err = _validate(project, "--format", "json")
    assert code == 0, err
    assert {f["qualified_name"]: f["outcome"] for f in json.loads(out)["functions"]} == {
        "run.shifted": "agree"}

    # With the rule ignored, validate shows why it blocks: both diverge once state changes.
    ignored = tmp_path / "ignored"
    shutil.copytree(project, ignored)
    (ignored / "pyproject.toml").write_text(
        '[tool.hybridize]\nignore = ["stale-variable-read"]\n', encoding="utf-8")
    monkeypatch.chdir(ignored)
    code, out, err = _validate(ignored, "--format", "json", "--unsafe")
    report = json.loads(out)
    _check_contract(report)
    outcomes = {f["qualified_name"]: f["outcome"] for f in report["functions"]}
    assert outcomes == {"run.scaled": "diverge", "run.global_scaled": "diverge",
                        "run.shifted": "agree"}
    assert report["refactored"]["exit"] == 0  # the command passes: only values changed
    assert code == 1, err
    detail = {f["qualified_name"]: f["detail"] for f in report["functions"]}["run.scaled"]
    assert detail == "call 2: output: element 0 was 2.0, now 1.0"

    # apply --only-validated: of the three, only the agreeing function is written.
    copy = tmp_path / "stale_config"
    shutil.copytree(ignored, copy)
    (tmp_path / "report.json").write_text(out, encoding="utf-8")
    out_apply, err_apply = io.StringIO(), io.StringIO()
    assert main(["apply", str(copy), "--write", "--unsafe", "--only-validated",
                 str(tmp_path / "report.json")], out=out_apply, err=err_apply) == 0, (
        err_apply.getvalue())
    hybrid = {f["qualified_name"] for f in _analysis(copy) if f["hybrid"]}
    assert hybrid == {"run.shifted"}


@pytest.mark.jvm
@pytest.mark.tensorflow
def test_truthiness_of_a_float_tensor_raises_when_traced(monkeypatch) -> None:
    # A hazard no rule sees (the rules catch NumPy on tensors, the earlier example here).
    project = FIXTURES / "truthiness_of_tensor"
    monkeypatch.chdir(project)
    code, out, err = _validate(project)
    assert code == 1
    lines = out.splitlines()
    row = next(line.split() for line in lines if line.startswith("run.total "))
    assert row[:5] == ["run.total", "CONVERT_TO_HYBRID", "2", "1", "raise"]
    assert ("  run.total: raised while tracing: ValueError: condition of if statement expected "
            "to be `tf.bool` scalar, got Tensor(\"Sum:0\", shape=(), dtype=float32)") in "\n".join(lines)
    assert lines[3].split()[:2] == ["original", "0"] and lines[4].split()[:2] == ["refactored", "1"]
    assert "the refactored run exited with 1" in err


def test_a_missing_command_is_a_usage_error() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(EXAMPLE), "--format", "json"], out=out, err=err) == 2
    assert out.getvalue() == ""
    assert err.getvalue() == "hybridize: validate needs the command to run after `--`\n"


@pytest.mark.jvm
def test_only_validated_needs_a_validate_report(tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text('{"functions": [{"qualified_name": "x"}]}')
    out, err = io.StringIO(), io.StringIO()
    code = main(["apply", str(FIXTURES / "stale_config"), "--only-validated",
                 str(tmp_path / "report.json")], out=out, err=err)
    assert code == 2 and out.getvalue() == ""
    assert err.getvalue().startswith(f"hybridize: {tmp_path / 'report.json'}: not a validate JSON")


def _ratio_of_rounded(ratio: float, top: float, bottom: float, digits: int = 3) -> bool:
    """Whether ``ratio`` (rounded) is top / bottom, given that the report rounds each of them."""
    slack = 0.5 * 10 ** -digits
    low = (top - slack) / (bottom + slack)
    high = (top + slack) / max(bottom - slack, slack)
    return low - slack <= ratio <= high + slack
