"""Dynamic validation of the verdicts with TensorFlow, in a subprocess (never in this process,
which hosts the JVM). Nothing here skips: without TensorFlow these tests fail.

* every fixture function given P1 runs eagerly and under tf.function on the inputs its call
  sites use: tracing must not raise and the outputs must agree;
* every function failing HAS_PYTHON_SIDE_EFFECTS must behave differently when traced;
* every eager function blocked only by a framework rule (CURRENTLY_NOT_HANDLED: a Keras call
  calling sublayers) must really fail the P1 check (its weights lose their gradients);
* every function blocked only by a hazard rule that predicts a raise when traced (for
  example HAS_EAGER_ONLY_CALLS) must really raise when traced, after running eagerly;
* every function blocked only by HAS_COVERED_CALLERS (a benefit rule) is never called outside
  a trace while the program runs, and converting it would still agree (on its fixture's
  ``dynamic_inputs``): the rule withholds a correct but useless conversion;
* every function blocked only by NO_TENSOR_COMPUTATION runs eagerly and traced alike, and
  its traced graph computes nothing (no speedup to be had, shown without timing).

Each fixture variant (``fixture_cases.Variant``) runs under the Keras generation its target
TensorFlow has: Keras 3 as installed, Keras 2 through ``tf_keras`` (``TF_USE_LEGACY_KERAS=1``),
so a verdict that depends on the generation is proven on the generation it was made for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_cases import Variant, all_cases, keras_environment, variants

from hybridize.verdicts.rules import RULES, Category

RUNNER = Path(__file__).parent / "dynamic_runner.py"
TIMEOUT_S = 900
#: Hazards whose functions run eagerly but raise when traced.
RAISE_WHEN_TRACED = ("HAS_EAGER_ONLY_CALLS", "HAS_NUMPY_CALLS_ON_PARAMETERS",
                     "HAS_INVALID_NAME_ARGUMENTS", "HAS_TENSOR_PARAMETER_ITERATION")
#: Failures that say a conversion would not pay off, not that it would break.
BENEFIT_ONLY = frozenset(rule.kind.name for rule in RULES if rule.category is Category.BENEFIT)


def _check_kind(want: dict) -> str | None:
    if want["verdict"] == "P1":
        return "p1"
    if "NO_TENSOR_COMPUTATION" in want["failures"] and set(want["failures"]) <= BENEFIT_ONLY:
        # Blocked only for want of benefit: converting is correct and traces an empty graph.
        return "barren"
    if "HAS_PYTHON_SIDE_EFFECTS" in want["failures"]:
        return "effect"
    if want["failures"] == ["CURRENTLY_NOT_HANDLED"] and not want["hybrid"] and not want.get(
            "rules"):
        # A framework rule (Keras call) on an eager function: hazard rules are replayed in
        # test_hazard_validation.py, blocked hybrid functions in
        # test_dynamic_dehybridization.py.
        return "blocked"
    safety = [kind for kind in want["failures"] if kind not in BENEFIT_ONLY]
    if len(safety) == 1 and safety[0] in RAISE_WHEN_TRACED:
        return "raises"
    if want["failures"] == ["HAS_COVERED_CALLERS"]:
        return "covered"
    if want["failures"] == ["HAS_KERAS_SYMBOLIC_ARGUMENTS"]:
        return "symbolic"
    return None


def _checks() -> list[tuple[Variant, str, str]]:
    checks = []
    for case in all_cases():
        for variant in variants(case):
            for name, want in variant.functions.items():
                kind = _check_kind(want)
                if kind is not None:
                    checks.append((variant, name, kind))
    return checks


CHECKS = _checks()


def _params() -> list:
    params = []
    for variant, name, check in CHECKS:
        reason = variant.dynamic_xfail.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(variant, name, check, marks=marks,
                                   id=f"{variant.id}:{name}:{check}"))
    return params


def _job(variant: Variant, names: dict[str, str]) -> dict:
    case = variant.case
    functions = {}
    for name, check in names.items():
        file, code = case.module_of(name)
        functions[name] = {"file": file, "code": code, "check": check}
    return {"fixture": str(case.root), "label": variant.id, "modules": sorted(case.modules()),
            "functions": functions, "inputs": case.expected.get("dynamic_inputs", {})}


def _run_jobs(jobs: list[dict], keras: int, directory: Path) -> dict[tuple[str, str, str], dict]:
    """One TensorFlow process per Keras generation (importing TensorFlow dominates)."""
    path = directory / f"jobs-keras{keras}.json"
    path.write_text(json.dumps(jobs))
    env = {**os.environ, **keras_environment(keras)}
    completed = subprocess.run([sys.executable, str(RUNNER), str(path)], capture_output=True,
                               text=True, timeout=TIMEOUT_S, check=False, env=env)
    results = {}
    for line in completed.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            results[(row["fixture"], row["function"], row["check"])] = row
    if not results:
        pytest.fail(f"the TensorFlow process (Keras {keras}) produced no results "
                    f"(exit {completed.returncode}):\n{completed.stderr[-4000:]}")
    return results


@pytest.fixture(scope="session")
def dynamic_results(tmp_path_factory) -> dict[tuple[str, str, str], dict]:
    jobs: dict[str, tuple[Variant, dict[str, str]]] = {}
    for variant, name, check in CHECKS:
        # A function both P1-checked and effect-checked cannot happen (P1 has no effects).
        jobs.setdefault(variant.id, (variant, {}))[1][name] = check
    by_keras: dict[int, list[dict]] = {}
    for variant, names in jobs.values():
        keras = variant.analysis_settings().keras
        by_keras.setdefault(keras, []).append(_job(variant, names))
    directory = tmp_path_factory.mktemp("dynamic")
    results = {}
    for keras, batch in sorted(by_keras.items()):
        results.update(_run_jobs(batch, keras, directory))
    return results


@pytest.mark.tensorflow
@pytest.mark.parametrize(("variant", "function", "check"), _params())
def test_verdict_holds_under_tensorflow(variant: Variant, function: str, check: str,
                                        dynamic_results) -> None:
    result = dynamic_results.get((variant.id, function, check))
    assert result is not None, f"{function}: no result from the TensorFlow process"
    if check == "blocked":
        # The framework rule is justified: hybridizing it really loses gradients.
        assert not result["ok"] and any(symptom in result["detail"] for symptom in (
            "gets no gradients for", "trains weights")), result["detail"]
    elif check == "raises":
        # Eagerly it ran (calls were recorded); traced, it raises as the rule predicts.
        assert not result["ok"] and result["detail"].startswith("tracing raised"), result["detail"]
    elif check == "symbolic":
        # The program passed a KerasTensor; the decorated function refuses it.
        assert result["ok"] and result["detail"].startswith("tracing raised"), result["detail"]
    elif check == "covered":
        # Every call the program made ran inside a trace, and tracing it alone agrees too.
        assert result["eager_calls"] == 0 and result["ok"], result
    else:
        assert result["ok"], result["detail"]
    if check == "p1" and any("Python booleans" in line
                             for line in variant.functions[function].get("info", ())):
        # Not a primitive parameter because booleans cost at most one trace per value.
        flags = result["boolean_traces"]
        assert flags is not None, "no recorded call passed booleans"
        assert 1 <= flags["traces"] <= flags["combinations"], flags


def test_every_kind_of_check_is_exercised() -> None:
    kinds = {check for _, _, check in CHECKS}
    assert kinds == {"p1", "effect", "blocked", "raises", "covered", "symbolic", "barren"}
    assert len(CHECKS) >= 60


def test_keras_calls_are_proven_on_both_generations() -> None:
    """A Keras call calling sublayers: blocked and failing on Keras 3, converted and
    training on Keras 2 (the framework rule holds for Keras 3 only)."""
    generations = {(variant.analysis_settings().keras, check) for variant, name, check in CHECKS
                   if name.endswith(".call") and check in ("p1", "blocked")}
    assert {(3, "blocked"), (2, "p1")} <= generations


def test_barren_functions_are_proven_on_both_generations() -> None:
    """NO_TENSOR_COMPUTATION holds whatever the Keras generation: shown on both."""
    generations = {variant.analysis_settings().keras for variant, _, check in CHECKS
                   if check == "barren"}
    assert generations == {2, 3}


def test_every_hazard_rule_is_exercised_under_both_generations() -> None:
    """Every registry rule some fixture blocks with is exercised by a fixture variant of each
    Keras generation, so the dynamic tests (this one, the hazard replay, the withheld
    signatures) run its hazard under Keras 3 and under Keras 2 (tf_keras)."""
    generations: dict[str, set[int]] = {}
    for case in all_cases():
        for variant in variants(case):
            keras = variant.analysis_settings().keras
            for want in variant.functions.values():
                for rule in want.get("rules", ()):
                    generations.setdefault(rule, set()).add(keras)
    assert {rule.name for rule in RULES} <= set(generations)
    assert {rule: sorted(seen) for rule, seen in generations.items() if seen != {2, 3}} == {}
