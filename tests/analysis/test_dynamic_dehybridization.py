"""Removing ``@tf.function`` under TensorFlow, in a subprocess (never in this process, which
hosts the JVM): the analysis' prediction for every hybrid fixture function, checked by
running the fixture program as written and with that function's decorator removed.

* a hybrid function the analysis de-hybridizes (P2/P3/P6): the program without the decorator
  runs and leaves the same values as the program as written;
* a hybrid function the tf-function-object-use rule keeps: the program as written runs, the
  program without the decorator raises (AttributeError, or the SavedModel export fails) at
  one of the uses the rule gave as evidence.
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
from fixture_cases import FixtureCase, all_cases

from hybridize.analysis.infer import infer_attributes
from hybridize.analyze import analyze_path
from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project
from hybridize.report import FunctionReport
from hybridize.settings import AnalysisSettings
from hybridize.verdicts.rules import function_object_uses

RUNNER = Path(__file__).parent / "dehybridize_runner.py"
TIMEOUT_S = 900
KEEPS, BREAKS = "keeps working", "breaks"


def _checks() -> list[tuple[FixtureCase, str, str]]:
    checks = []
    for case in all_cases():
        if "xfail" in case.expected:
            continue
        for name, want in case.functions.items():
            if not want["hybrid"]:
                continue
            if want["verdict"] in ("P2", "P3", "P6"):
                checks.append((case, name, KEEPS))
            elif want["failures"] == ["CURRENTLY_NOT_HANDLED"]:
                checks.append((case, name, BREAKS))
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
    """Every program version in one TensorFlow process (importing TensorFlow dominates)."""
    work = tmp_path_factory.mktemp("dehybridize")
    jobs = {}
    for case, function, _ in CHECKS:
        modules = sorted(case.modules())
        jobs[case.name] = {"id": case.name, "root": str(case.root), "modules": modules}
        variant = without_decorator(case, function, work / f"{case.name}-{function}")
        jobs[f"{case.name}:{function}"] = {"id": f"{case.name}:{function}",
                                           "root": str(variant), "modules": modules}
    path = work / "jobs.json"
    path.write_text(json.dumps(list(jobs.values())))
    # SavedModels the programs write go under the test's temporary directory.
    env = {**os.environ, "TMPDIR": str(work)}
    completed = subprocess.run([sys.executable, str(RUNNER), str(path)], capture_output=True,
                               text=True, timeout=TIMEOUT_S, check=False, env=env)
    runs = {row["id"]: row for row in map(json.loads, filter(
        lambda line: line.startswith("{"), completed.stdout.splitlines()))}
    if not runs:
        pytest.fail(f"the TensorFlow process produced no results (exit {completed.returncode}):"
                    f"\n{completed.stderr[-4000:]}")
    return runs


@functools.cache
def _report(name: str) -> dict[str, FunctionReport]:
    case = next(c for c in all_cases() if c.name == name)
    settings = AnalysisSettings(**case.expected.get("settings", {}))
    report = analyze_path(case.root, settings, infer=infer_attributes)
    return {fn.qualified_name: fn for fn in report.functions}


def _kept_by_rule(fn: FunctionReport) -> bool:
    return any(f.rule == function_object_uses.RULE.name for f in fn.failures)


@pytest.mark.jvm
@pytest.mark.tensorflow
@pytest.mark.parametrize(("case", "function", "expectation"),
                         [pytest.param(*c, id=f"{c[0].name}:{c[1]}:{c[2]}") for c in CHECKS])
def test_removing_the_decorator_behaves_as_predicted(case: FixtureCase, function: str,
                                                     expectation: str, program_runs) -> None:
    fn = _report(case.name)[function]
    original, variant = program_runs[case.name], program_runs[f"{case.name}:{function}"]
    assert original["raised"] is None, original["raised"]
    if expectation == KEEPS:
        # The analysis removes the decorator, and nothing the program computes changes.
        assert fn.passing_precondition is not None and not _kept_by_rule(fn)
        assert variant["raised"] is None, variant["raised"]
        assert variant["values"] == original["values"]
    else:
        # The rule keeps the decorator, and without it the program fails at a use it named.
        uses = {(e.file, e.line) for f in fn.failures if f.rule == function_object_uses.RULE.name
                for e in f.evidence}
        assert uses, fn.failures
        assert variant["raised"] is not None, f"runs without the decorator: {variant['values']}"
        assert tuple(variant["where"] or ()) in uses, (variant["raised"], variant["where"], uses)


def test_both_predictions_are_exercised() -> None:
    expectations = {expectation for _, _, expectation in CHECKS}
    assert expectations == {KEEPS, BREAKS}
