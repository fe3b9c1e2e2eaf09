"""Removing ``@tf.function`` under TensorFlow, in a subprocess (never in this process, which
hosts the JVM): the analysis' prediction for every hybrid fixture function, checked by
running the fixture program as written and with that function's decorator removed.

* a hybrid function the analysis de-hybridizes (P2/P3/P6): the program without the decorator
  runs and leaves the same values as the program as written;
* a hybrid function the tf-function-object-use rule keeps: the program as written runs, the
  program without the decorator raises (AttributeError, or the SavedModel export fails) at
  one of the uses the rule gave as evidence.

Each fixture variant is analysed with its settings and run under the Keras generation its
target TensorFlow has (``Variant.environment``), one TensorFlow process per generation.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_cases import FixtureCase, Variant, all_cases, variants

from hybridize.analysis.infer import infer_attributes
from hybridize.analyze import analyze_path
from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project
from hybridize.report import FunctionReport
from hybridize.verdicts.rules import function_object_uses

RUNNER = Path(__file__).parent / "dehybridize_runner.py"
TIMEOUT_S = 900
KEEPS, BREAKS = "keeps working", "breaks"


def _checks() -> list[tuple[Variant, str, str]]:
    checks = []
    for case in all_cases():
        if "xfail" in case.expected:
            continue
        for variant in variants(case):
            for name, want in variant.functions.items():
                if not want["hybrid"]:
                    continue
                if want["verdict"] in ("P2", "P3", "P6"):
                    checks.append((variant, name, KEEPS))
                elif want["failures"] == ["CURRENTLY_NOT_HANDLED"]:
                    checks.append((variant, name, BREAKS))
    return checks


CHECKS = _checks()


def without_decorator(case: FixtureCase, function: str, into: Path) -> Path:
    """A copy of the fixture with ``function``'s tf.function decorator lines blanked
    (blank, not deleted: every other line keeps its number)."""
    shutil.copytree(case.root, into)
    for module in load_project(into).modules:
        for fn in module_functions(module):
            if fn.qualified_name != function or fn.hybrid is None:
                continue
            lines = module.text.splitlines(keepends=True)
            decorator = next(d for d in fn.node.decorator_list if d.lineno == fn.hybrid.line)
            for index in range(decorator.lineno - 1, decorator.end_lineno):
                lines[index] = "\n"
            module.source.path.write_text("".join(lines), encoding="utf-8")
            return into
    raise LookupError(f"{function}: no tf.function decorator in {case.root}")


@pytest.fixture(scope="session")
def program_runs(tmp_path_factory) -> dict[str, dict]:
    """Every program version, one TensorFlow process per Keras generation (importing
    TensorFlow dominates)."""
    work = tmp_path_factory.mktemp("dehybridize")
    by_generation: dict[tuple[tuple[str, str], ...], dict[str, dict]] = {}
    for variant, function, _ in CHECKS:
        case, modules = variant.case, sorted(variant.case.modules())
        jobs = by_generation.setdefault(tuple(sorted(variant.environment().items())), {})
        jobs[variant.id] = {"id": variant.id, "root": str(case.root), "modules": modules}
        edited = without_decorator(case, function, work / f"{variant.id}-{function}")
        jobs[f"{variant.id}:{function}"] = {"id": f"{variant.id}:{function}",
                                            "root": str(edited), "modules": modules}
    runs = {}
    for index, (environment, jobs) in enumerate(by_generation.items()):
        runs.update(_run(list(jobs.values()), dict(environment), work, index))
    return runs


def _run(jobs: list[dict], environment: dict[str, str], work: Path, index: int) -> dict[str, dict]:
    path = work / f"jobs{index}.json"
    path.write_text(json.dumps(jobs))
    # SavedModels the programs write go under the test's temporary directory.
    env = {**os.environ, **environment, "TMPDIR": str(work)}
    completed = subprocess.run([sys.executable, str(RUNNER), str(path)], capture_output=True,
                               text=True, timeout=TIMEOUT_S, check=False, env=env)
    runs = {row["id"]: row for row in map(json.loads, filter(
        lambda line: line.startswith("{"), completed.stdout.splitlines()))}
    if not runs:
        pytest.fail(f"the TensorFlow process produced no results (exit {completed.returncode}):"
                    f"\n{completed.stderr[-4000:]}")
    return runs


def _report(variant: Variant) -> dict[str, FunctionReport]:
    return _report_of(variant.id)


@functools.cache
def _report_of(variant_id: str) -> dict[str, FunctionReport]:
    variant = next(v for v, _, _ in CHECKS if v.id == variant_id)
    report = analyze_path(variant.case.root, variant.analysis_settings(), infer=infer_attributes)
    return {fn.qualified_name: fn for fn in report.functions}


def _kept_by_rule(fn: FunctionReport) -> bool:
    return any(f.rule == function_object_uses.RULE.name for f in fn.failures)


@pytest.mark.jvm
@pytest.mark.tensorflow
@pytest.mark.parametrize(("variant", "function", "expectation"),
                         [pytest.param(*c, id=f"{c[0].id}:{c[1]}:{c[2]}") for c in CHECKS])
def test_removing_the_decorator_behaves_as_predicted(variant: Variant, function: str,
                                                     expectation: str, program_runs) -> None:
    fn = _report(variant)[function]
    original = program_runs[variant.id]
    without = program_runs[f"{variant.id}:{function}"]
    assert original["raised"] is None, original["raised"]
    if expectation == KEEPS:
        # The analysis removes the decorator, and nothing the program computes changes.
        assert fn.passing_precondition is not None and not _kept_by_rule(fn)
        assert without["raised"] is None, without["raised"]
        assert without["values"] == original["values"]
    else:
        # The rule keeps the decorator, and without it the program fails at a use it named.
        uses = {(e.file, e.line) for f in fn.failures if f.rule == function_object_uses.RULE.name
                for e in f.evidence}
        assert uses, fn.failures
        assert without["raised"] is not None, f"runs without the decorator: {without['values']}"
        assert tuple(without["where"] or ()) in uses, (without["raised"], without["where"], uses)


def test_both_predictions_are_exercised() -> None:
    expectations = {expectation for _, _, expectation in CHECKS}
    assert expectations == {KEEPS, BREAKS}


def test_both_keras_generations_are_exercised() -> None:
    generations = {(variant.analysis_settings().keras, expectation)
                   for variant, _, expectation in CHECKS}
    assert generations >= {(2, KEEPS), (2, BREAKS), (3, KEEPS), (3, BREAKS)}


def test_p6_is_exercised_on_both_keras_generations() -> None:
    generations = {variant.analysis_settings().keras for variant, name, _ in CHECKS
                   if variant.functions[name]["verdict"] == "P6"}
    assert generations == {2, 3}
