"""The analysis ladder: past the 1-CFA budget and the whole analysis' deadline the engine steps
down (0-CFA, 0-CFA with coarse keys, no call graph), names every step in the report's notes,
and still reports every function, undetermined rather than guessed (real JVM and WALA)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from report_contract import check_report

from hybridize.cli import main

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "evaluation"))
from generate_project import generate  # noqa: E402

pytestmark = pytest.mark.jvm

UNDETERMINED = ("tensor_parameter", "primitive_parameter", "python_side_effects", "recursive")


def analyze(project: Path, *options: str) -> dict:
    out, err = io.StringIO(), io.StringIO()
    code = main(["analyze", str(project), "--format", "json", *options], out=out, err=err)
    assert code == 0, err.getvalue()
    report = json.loads(out.getvalue())
    check_report(report)
    return report


def test_every_rung_given_up_is_named_and_every_function_is_reported_undetermined(
        tmp_path: Path) -> None:
    generate(tmp_path, kloc=1)
    complete = analyze(tmp_path, "--analysis-deadline", "0")
    assert complete["notes"] == []
    report = analyze(tmp_path, "--call-graph-budget", "0.000001",
                     "--analysis-deadline", "0.000001")
    first, second, third = report["notes"]
    assert first.startswith("the 1-cfa pointer analysis ") and "built with 0-cfa instead" in first
    assert (second.startswith("the 0-cfa pointer analysis ")
            and "built with 0-cfa with coarse keys" in second)
    assert (third.startswith("the 0-cfa pointer analysis with coarse keys ")
            and "no call graph could be built" in third)
    # Complete: the same functions as the full analysis, none of their facts guessed.
    names = {(f["file"], f["qualified_name"]) for f in complete["functions"]}
    assert {(f["file"], f["qualified_name"]) for f in report["functions"]} == names
    for function in report["functions"]:
        assert all(function[attribute] is None for attribute in UNDETERMINED), function
        kinds = {failure["kind"] for failure in function["failures"]}
        assert {"UNDETERMINABLE_TENSOR_PARAMETER", "UNDETERMINABLE_SIDE_EFFECTS"} <= kinds
        assert function["transformations"] == []


def test_a_1cfa_past_its_budget_of_steps_steps_down_the_same_way_on_every_run(
        tmp_path: Path) -> None:
    generate(tmp_path, kloc=1)
    assert analyze(tmp_path)["notes"] == []  # the default budget is enough for this project
    insensitive = analyze(tmp_path, "--context", "0-cfa")
    runs = [analyze(tmp_path, "--call-graph-work", "0.01") for _ in range(2)]
    [note] = runs[0]["notes"]
    assert note.startswith("the 1-cfa pointer analysis needed more than its ")
    assert "0.01 per IR instruction" in note and "built with 0-cfa instead" in note
    # Counted in steps, not seconds: the same note, and the same functions as 0-CFA's.
    assert runs[1]["notes"] == runs[0]["notes"]
    assert runs[0]["functions"] == insensitive["functions"]


def test_a_rung_over_the_memory_guard_steps_down_and_the_report_is_complete(
        tmp_path: Path) -> None:
    # Its own JVM: a small heap, so collections happen within each rung and the guard reads them.
    generate(tmp_path, kloc=1)
    done = subprocess.run(
        [sys.executable, "-m", "hybridize", "analyze", str(tmp_path), "--format", "json",
         "--jvm-heap", "128m", "--memory-guard", "0.02"],
        capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    check_report(report)
    one_cfa, zero_cfa = report["notes"]
    assert one_cfa.startswith("the 1-cfa pointer analysis kept over 2% of the JVM heap live")
    assert zero_cfa.startswith("the 0-cfa pointer analysis kept over 2% of the JVM heap live")
    assert "built with 0-cfa with coarse keys instead" in zero_cfa
    # The coarse rung, allowed half of what the guard keeps back, finished: every function of
    # the project is reported, as by the full analysis.
    complete = analyze(tmp_path)
    assert ({f["qualified_name"] for f in report["functions"]}
            == {f["qualified_name"] for f in complete["functions"]})


def test_the_default_heap_is_a_third_of_the_memory_within_bounds(monkeypatch) -> None:
    from hybridize.bridge import jvm

    for gib, heap in ((None, "4g"), (8, "4g"), (24, "8g"), (23.5, "7g"), (200, "16g")):
        memory = None if gib is None else int(gib * 1024**3)
        monkeypatch.setattr(jvm, "machine_memory", lambda memory=memory: memory)
        assert jvm.default_heap() == heap


def test_a_deadline_only_the_coarse_analysis_meets_names_two_steps(tmp_path: Path) -> None:
    generate(tmp_path, kloc=1)
    report = analyze(tmp_path, "--context", "0-cfa", "--analysis-deadline", "0.000001")
    assert len(report["notes"]) == 2
    assert "0-cfa" in report["notes"][0] and "no call graph" in report["notes"][1]


def test_a_module_too_large_to_analyse_is_an_error_and_the_rest_is_analysed(
        tmp_path: Path) -> None:
    from generate_shapes import generate as generate_shapes

    generate_shapes(tmp_path, list_items=600_000)
    report = analyze(tmp_path)
    [error] = report["errors"]
    assert error["file"] == "big_list.py" and "too large to analyse" in error["message"]
    assert {f["qualified_name"] for f in report["functions"]} == {"ordinary.scale",
                                                                  "ordinary.caller"}
    scale = next(f for f in report["functions"] if f["qualified_name"] == "ordinary.scale")
    assert scale["tensor_parameter"] is True
