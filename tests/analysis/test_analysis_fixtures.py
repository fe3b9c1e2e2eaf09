"""Every fixture program through the real pipeline (JVM + WALA front end + analyses).

Expectations are data (``fixtures/<case>/expected.json``, see fixture_cases.py): the
attributes, the verdict and the failures of every function, and which attributes the
speculative analysis decided. A case the front end cannot handle yet is xfail(strict).
"""

from __future__ import annotations

from typing import Any

import pytest
from fixture_cases import Variant, all_cases, variants

from hybridize.analysis.infer import infer_attributes
from hybridize.analyze import analyze_path
from hybridize.report import FunctionReport
from hybridize.settings import AnalysisSettings

CASES = all_cases()


def _params() -> list:
    params = []
    for case in CASES:
        marks = [pytest.mark.jvm]
        if "xfail" in case.expected:
            marks.append(pytest.mark.xfail(strict=True, reason=case.expected["xfail"]))
        params += [pytest.param(variant, id=variant.id, marks=marks)
                   for variant in variants(case)]
    return params


def _observed(fn: FunctionReport, want: dict[str, Any]) -> dict[str, Any]:
    observed = {
        "hybrid": fn.hybrid,
        "tensor": fn.tensor_parameter,
        "primitive": fn.primitive_parameter,
        "side_effects": fn.python_side_effects,
        "recursive": fn.recursive,
        "verdict": fn.passing_precondition.value if fn.passing_precondition else None,
        "failures": sorted(f.kind.name for f in fn.failures),
    }
    if "assumptions" in want:
        observed["assumptions"] = sorted({a.attribute for a in fn.assumptions})
    if "rules" in want:
        observed["rules"] = sorted({f.rule for f in fn.failures if f.rule})
    if "info" in want:
        observed["info"] = list(fn.info)
    if "input_signature" in want:
        observed["input_signature"] = fn.input_signature
    if "input_signature_reason" in want:
        observed["input_signature_reason"] = fn.input_signature_reason
    return observed


def _explain(fn: FunctionReport) -> str:
    lines = [f"  {f.kind.name}: " + "; ".join(f"{e.file}:{e.line} {e.what}" for e in f.evidence)
             for f in fn.failures]
    lines += [f"  assumed {a.attribute}: {a.reason}" for a in fn.assumptions]
    return "\n".join(lines)


@pytest.mark.parametrize("variant", _params())
def test_fixture_attributes_and_verdicts(variant: Variant) -> None:
    settings = AnalysisSettings(**variant.settings)
    report = analyze_path(variant.case.root, settings, infer=infer_attributes)
    assert report.errors == [], report.errors
    functions = {fn.qualified_name: fn for fn in report.functions}
    assert set(functions) == set(variant.functions), "every function must have an expectation"
    mismatches = []
    for name, want in variant.functions.items():
        observed = _observed(functions[name], want)
        expected = {key: want.get(key, []) for key in observed}
        if observed != expected:
            mismatches.append(f"{name}:\n  expected {expected}\n  observed {observed}\n"
                              f"{_explain(functions[name])}")
    assert not mismatches, "\n".join(mismatches)


def test_fixture_suite_covers_every_precondition_both_ways() -> None:
    """Positive and negative cases exist for every attribute and every verdict."""
    seen: set[tuple[str, Any]] = set()
    for case in CASES:
        for want in case.functions.values():
            for key in ("tensor", "primitive", "side_effects", "recursive", "hybrid"):
                seen.add((key, want[key]))
            seen.add(("verdict", want["verdict"]))
            seen.update(("failure", kind) for kind in want["failures"])
    for key in ("tensor", "primitive", "side_effects", "recursive", "hybrid"):
        assert {(key, True), (key, False)} <= seen
    for verdict in ("P1", "P2", "P3", None):
        assert ("verdict", verdict) in seen
    for failure in ("HAS_NO_TENSOR_PARAMETERS", "HAS_PRIMITIVE_PARAMETERS",
                    "HAS_PYTHON_SIDE_EFFECTS", "IS_RECURSIVE", "HAS_NO_PRIMITIVE_PARAMETERS"):
        assert ("failure", failure) in seen
    assert len(CASES) >= 60
