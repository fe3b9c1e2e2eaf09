"""One analysis that throws on the Java side costs what it decides, never the whole report.

The engine's fault injection (``-Dhybridize.failFact``, ``-Dhybridize.failRung``, see
``org.hybridize.engine.FaultInjection``) makes one fact query or one rung of the call-graph
ladder throw; the JVM options differ per run, so each analysis runs in its own process. Real
JVM and WALA throughout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from report_contract import check_report

from hybridize.analysis.absent_facts import FACTS

pytestmark = pytest.mark.jvm

REPO = Path(__file__).resolve().parents[1]

PROJECT = '''\
import tensorflow as tf

counter = 0


def scale(x):
    return x * 2.0


def count(x):
    global counter
    counter += 1
    return x + 1.0


@tf.function
def constant():
    return tf.constant(1.0)


@tf.function
def shifted(x, n):
    return x + n


def main():
    t = tf.constant([1.0, 2.0])
    scale(t)
    count(t)
    constant()
    shifted(t, 3)
'''

ATTRIBUTES = ("tensor_parameter", "primitive_parameter", "python_side_effects", "recursive")
UNDETERMINABLE = {"tensor_parameter": "UNDETERMINABLE_TENSOR_PARAMETER",
                  "primitive_parameter": "UNDETERMINABLE_PRIMITIVE_PARAMETER",
                  "python_side_effects": "UNDETERMINABLE_SIDE_EFFECTS",
                  "recursive": "CANT_APPROXIMATE_RECURSION"}
EAGER, HYBRID = "eager", "hybrid"

#: Per fact: the attributes its failure leaves null, and the functions (eager, hybrid) that
#: lose them. A hazard rule's fact cannot clear the functions its rule applies to: they are
#: wholly undetermined.
CASES = {
    "parameter_values": (("tensor_parameter", "primitive_parameter"), {EAGER, HYBRID}),
    "side_effects": (("python_side_effects",), {EAGER, HYBRID}),
    "stale_reads": (ATTRIBUTES, {EAGER, HYBRID}),
    "tensor_computations": (ATTRIBUTES, {EAGER, HYBRID}),
    "input_signatures": (ATTRIBUTES, {EAGER, HYBRID}),
    "tensor_iterations": (ATTRIBUTES, {EAGER}),
    "function_object_uses": (ATTRIBUTES, {HYBRID}),
}


def analyze(project: Path, jvm_options: str = "") -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "hybridize", "analyze", str(project), "--format", "json"],
        capture_output=True, text=True, cwd=REPO, timeout=600,
        env={**os.environ, "HYBRIDIZE_JVM_OPTS": jvm_options})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    check_report(report)
    return report


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("isolation")
    (root / "model.py").write_text(PROJECT)
    return root


@pytest.fixture(scope="module")
def complete(project: Path) -> dict[str, dict[str, Any]]:
    """The verdicts with every fact computed: each function refactorable or blocked for a
    reason, so a fact's failure has something to take away."""
    report = analyze(project)
    assert report["errors"] == [] and report["notes"] == []
    functions = {f["qualified_name"]: f for f in report["functions"]}
    assert {name: f["passing_precondition"] for name, f in functions.items()} == {
        "model.scale": "P1", "model.count": None, "model.constant": "P2",
        "model.shifted": "P3", "model.main": None}
    assert functions["model.count"]["python_side_effects"] is True
    return functions


def test_every_fact_the_analyses_ask_for_is_tested() -> None:
    assert set(CASES) == set(FACTS)


@pytest.mark.parametrize("fact", sorted(CASES))
def test_a_fact_that_throws_leaves_what_it_decides_undetermined_and_the_rest_computed(
        fact: str, project: Path, complete: dict[str, dict[str, Any]]) -> None:
    report = analyze(project, f"-Dhybridize.failFact={fact}")
    [error] = report["errors"]
    assert f"failed to compute {fact}," in error["message"]
    assert f"java.lang.IllegalStateException: fault injected by -Dhybridize.failFact={fact}" \
        in error["message"]
    assert "(at org.hybridize." in error["message"]
    functions = {f["qualified_name"]: f for f in report["functions"]}
    assert functions.keys() == complete.keys()
    nulled, kinds = CASES[fact]
    for name, function in functions.items():
        before = complete[name]
        if (HYBRID if function["hybrid"] else EAGER) not in kinds:
            assert function == before  # the facts it needs all came
            continue
        assert all(function[a] is None for a in nulled), function
        failures = {f["kind"] for f in function["failures"]}
        # A hybrid function's preconditions (P2-P6) fail on an unknown tensor parameter before
        # asking about scalars, and do not ask about recursion.
        expected = {UNDETERMINABLE[a] for a in nulled if not function["hybrid"]
                    or a in ("tensor_parameter", "python_side_effects")}
        assert expected <= failures, function
        assert function["passing_precondition"] is None and function["transformations"] == []
        assert f"undetermined: the analysis could not compute {fact} (see errors)" \
            in function["info"]
        # Attributes the failed fact does not decide still come from the facts that worked.
        for attribute in set(ATTRIBUTES) - set(nulled):
            assert function[attribute] == before[attribute], (attribute, function)


def test_a_rung_that_throws_steps_down_with_a_note_naming_the_exception(
        project: Path, complete: dict[str, dict[str, Any]]) -> None:
    report = analyze(project, "-Dhybridize.failRung=1-cfa")
    [note] = report["notes"]
    assert note.startswith("the 1-cfa pointer analysis failed with an internal error "
                           "(java.lang.IllegalStateException: fault injected by "
                           "-Dhybridize.failRung=1-cfa (at org.hybridize.")
    assert note.endswith("the call graph was built with 0-cfa instead (less precise)")
    # 0-CFA decides this small program as 1-CFA does.
    assert {f["qualified_name"]: f["passing_precondition"] for f in report["functions"]} == {
        name: f["passing_precondition"] for name, f in complete.items()}


def test_when_every_rung_throws_every_function_is_reported_undetermined(
        project: Path, complete: dict[str, dict[str, Any]]) -> None:
    report = analyze(project, "-Dhybridize.failRung=1-cfa,0-cfa,0-cfa-coarse")
    assert [note.split(" failed with an internal error ")[0] for note in report["notes"]] == [
        "the 1-cfa pointer analysis", "the 0-cfa pointer analysis",
        "the 0-cfa pointer analysis with coarse keys"]
    assert "no call graph could be built" in report["notes"][-1]
    assert {f["qualified_name"] for f in report["functions"]} == complete.keys()
    for function in report["functions"]:
        assert all(function[a] is None for a in ATTRIBUTES), function
        assert function["transformations"] == []
