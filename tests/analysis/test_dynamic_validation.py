"""Dynamic validation of the verdicts with TensorFlow, in a subprocess (never in this process,
which hosts the JVM). Nothing here skips: without TensorFlow these tests fail.

* every fixture function given P1 runs eagerly and under tf.function on the inputs its call
  sites use: tracing must not raise and the outputs must agree;
* every function failing HAS_PYTHON_SIDE_EFFECTS must behave differently when traced;
* every eager function blocked only by a framework rule (CURRENTLY_NOT_HANDLED: a Keras call
  calling sublayers) must really fail the P1 check (its weights lose their gradients);
* every function blocked only by a hazard rule that predicts a raise when traced (for
  example HAS_EAGER_ONLY_CALLS) must really raise when traced, after running eagerly.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_cases import FixtureCase, all_cases

RUNNER = Path(__file__).parent / "dynamic_runner.py"
TIMEOUT_S = 900
#: Hazards whose functions run eagerly but raise when traced.
RAISE_WHEN_TRACED = ("HAS_EAGER_ONLY_CALLS", "HAS_NUMPY_CALLS_ON_PARAMETERS",
                     "HAS_INVALID_NAME_ARGUMENTS")


def _checks() -> list[tuple[FixtureCase, str, str]]:
    checks = []
    for case in all_cases():
        for name, want in case.functions.items():
            if want["verdict"] == "P1":
                checks.append((case, name, "p1"))
            if "HAS_PYTHON_SIDE_EFFECTS" in want["failures"]:
                checks.append((case, name, "effect"))
            elif (want["failures"] == ["CURRENTLY_NOT_HANDLED"] and not want["hybrid"]
                  and not want.get("rules")):
                # A framework rule (Keras call) on an eager function: hazard rules are replayed
                # in test_hazard_validation.py, blocked hybrid functions in
                # test_dynamic_dehybridization.py.
                checks.append((case, name, "blocked"))
            elif len(want["failures"]) == 1 and want["failures"][0] in RAISE_WHEN_TRACED:
                checks.append((case, name, "raises"))
    return checks


CHECKS = _checks()


def _params() -> list:
    params = []
    for case, name, check in CHECKS:
        reason = case.expected.get("dynamic_xfail", {}).get(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, name, check, marks=marks,
                                   id=f"{case.name}:{name}:{check}"))
    return params


def _job(case: FixtureCase, names: dict[str, str]) -> dict:
    functions = {}
    for name, check in names.items():
        file, code = case.module_of(name)
        functions[name] = {"file": file, "code": code, "check": check}
    return {"fixture": str(case.root), "modules": sorted(case.modules()),
            "functions": functions, "inputs": case.expected.get("dynamic_inputs", {})}


@pytest.fixture(scope="session")
def dynamic_results(tmp_path_factory) -> dict[tuple[str, str, str], dict]:
    """One TensorFlow process for the whole batch (importing TensorFlow dominates)."""
    jobs: dict[str, tuple[FixtureCase, dict[str, str]]] = {}
    for case, name, check in CHECKS:
        # A function both P1-checked and effect-checked cannot happen (P1 has no effects).
        jobs.setdefault(case.name, (case, {}))[1][name] = check
    path = tmp_path_factory.mktemp("dynamic") / "jobs.json"
    path.write_text(json.dumps([_job(case, names) for case, names in jobs.values()]))
    completed = subprocess.run([sys.executable, str(RUNNER), str(path)], capture_output=True,
                               text=True, timeout=TIMEOUT_S, check=False)
    results = {}
    for line in completed.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            results[(row["fixture"], row["function"], row["check"])] = row
    if not results:
        pytest.fail(f"the TensorFlow process produced no results (exit {completed.returncode}):\n"
                    f"{completed.stderr[-4000:]}")
    return results


@pytest.mark.tensorflow
@pytest.mark.parametrize(("case", "function", "check"), _params())
def test_verdict_holds_under_tensorflow(case: FixtureCase, function: str, check: str,
                                        dynamic_results) -> None:
    result = dynamic_results.get((case.name, function, check))
    assert result is not None, f"{function}: no result from the TensorFlow process"
    if check == "blocked":
        # The framework rule is justified: hybridizing it really loses gradients.
        assert not result["ok"] and "weights" in result["detail"], result["detail"]
    elif check == "raises":
        # Eagerly it ran (calls were recorded); traced, it raises as the rule predicts.
        assert not result["ok"] and result["detail"].startswith("tracing raised"), result["detail"]
    else:
        assert result["ok"], result["detail"]


def test_every_kind_of_check_is_exercised() -> None:
    kinds = {check for _, _, check in CHECKS}
    assert kinds == {"p1", "effect", "blocked", "raises"}
    assert len(CHECKS) >= 60
