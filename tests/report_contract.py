"""The analysis report's JSON contract (shared/design/output-contract.md), as a checker."""

from __future__ import annotations

from typing import Any

TRI_STATE = (bool, type(None))
FAILURE_CODES = {
    "CURRENTLY_NOT_HANDLED": 1, "UNDETERMINABLE_SIDE_EFFECTS": 3, "HAS_PYTHON_SIDE_EFFECTS": 4,
    "HAS_NO_TENSOR_PARAMETERS": 6, "HAS_TENSOR_PARAMETERS": 7, "IS_RECURSIVE": 8,
    "CANT_APPROXIMATE_RECURSION": 9, "UNDETERMINABLE_TENSOR_PARAMETER": 10,
    "UNDETERMINABLE_PRIMITIVE_PARAMETER": 11, "HAS_PRIMITIVE_PARAMETERS": 12,
    "HAS_NO_PRIMITIVE_PARAMETERS": 13, "NO_TENSOR_COMPUTATION": 14, "HAS_EAGER_ONLY_CALLS": 15,
    "HAS_NUMPY_CALLS_ON_PARAMETERS": 16, "HAS_INVALID_NAME_ARGUMENTS": 17,
    "HAS_UNRESOLVED_STATICALLY_READ_AXES": 18, "HAS_STALE_VARIABLE_READS": 19,
    "HAS_TENSOR_PARAMETER_ITERATION": 20, "HAS_COVERED_CALLERS": 21,
    "HAS_CONFLICTING_EAGER_DTYPE_COERCIONS": 22, "HAS_KERAS_SYMBOLIC_ARGUMENTS": 23,
    "HAS_LATE_VARIABLE_CREATION": 24,
}
FUNCTION_KEYS: dict[str, Any] = {
    "name": str, "qualified_name": str, "file": str, "line": int, "hybrid": bool,
    "decorator_args": dict, "tensor_parameter": TRI_STATE, "primitive_parameter": TRI_STATE,
    "python_side_effects": TRI_STATE, "recursive": TRI_STATE,
    "refactoring": (str, type(None)), "passing_precondition": (str, type(None)),
    "transformations": list, "failures": list, "assumptions": list, "info": list,
    "evidence": dict,
    "applicability": (str, type(None)),
}


#: What an assumption rests on (``assumptions[].basis``, added beyond the shared contract).
ASSUMPTION_BASES = {"type_hint", "framework", "naming", "ignored"}


def _check_keys(obj: dict[str, Any], spec: dict[str, Any], where: str) -> None:
    missing = spec.keys() - obj.keys()
    assert not missing, f"{where}: missing keys {sorted(missing)}"
    for key, kind in spec.items():
        assert isinstance(obj[key], kind), f"{where}.{key}: {obj[key]!r} is not {kind}"
        # bool is an int subclass: a line number must not be one.
        if kind is int:
            assert not isinstance(obj[key], bool), f"{where}.{key}: bool where int expected"


#: Beyond the contract: the exact code an evidence item is about (code points, end exclusive).
SPAN_KEYS = ("column", "end_line", "end_column")


def _check_evidence(ev: dict[str, Any], where: str) -> None:
    _check_keys(ev, {"file": str, "line": int, "what": str}, where)
    _check_keys(ev, dict.fromkeys(SPAN_KEYS, (int, type(None))), where)
    if ev["column"] is None:
        assert ev["end_line"] is None and ev["end_column"] is None, where
    else:
        assert ev["column"] >= 0 and ev["end_line"] >= ev["line"], where
        assert ev["end_line"] > ev["line"] or ev["end_column"] > ev["column"], where


def check_report(report: dict[str, Any]) -> None:
    _check_keys(report, {"tool": dict, "project": str, "settings": dict, "functions": list,
                         "errors": list, "summary": dict, "timing": dict, "notes": list},
                "report")
    assert all(isinstance(note, str) for note in report["notes"])
    _check_keys(report["tool"], {"name": str, "version": str, "wala": str}, "tool")
    assert {"speculative", "type_hints"} <= report["settings"].keys()
    target = report["settings"]["tensorflow"]
    assert set(target) == {"version", "keras", "source"}, target
    assert target["keras"] in (2, 3) and isinstance(target["source"], str)
    assert target["version"] is None or isinstance(target["version"], str)
    for i, fn in enumerate(report["functions"]):
        where = f"functions[{i}]"
        _check_keys(fn, FUNCTION_KEYS, where)
        assert fn["line"] >= 1 and "\\" not in fn["file"]
        assert fn["refactoring"] in (None, "CONVERT_EAGER_FUNCTION_TO_HYBRID",
                                     "OPTIMIZE_HYBRID_FUNCTION")
        assert fn["passing_precondition"] in (None, "P1", "P2", "P3")
        assert set(fn["transformations"]) <= {"CONVERT_TO_HYBRID", "CONVERT_TO_EAGER", "RECONFIGURE"}
        # The edit's grade: unsafe exactly when it rests on assumptions; none without an edit.
        expected = ("unsafe" if fn["assumptions"] else "safe") if fn["transformations"] else None
        assert fn["applicability"] == expected, f"{where}.applicability"
        assert all(isinstance(v, str) for v in fn["decorator_args"].values())
        for assumption in fn["assumptions"]:
            _check_keys(assumption, {"attribute": str, "reason": str}, f"{where}.assumptions")
            assert assumption["basis"] in ASSUMPTION_BASES, f"{where}.assumptions.basis"
        for failure in fn["failures"]:
            _check_keys(failure, {"kind": str, "code": int, "message": str, "evidence": list},
                        f"{where}.failures")
            assert FAILURE_CODES[failure["kind"]] == failure["code"]
            for ev in failure["evidence"]:
                _check_evidence(ev, f"{where}.failures.evidence")
        for attribute, items in fn["evidence"].items():
            for ev in items:
                _check_evidence(ev, f"{where}.evidence.{attribute}")
    for error in report["errors"]:
        _check_keys(error, {"file": str, "line": (int, type(None)), "message": str}, "errors")
    _check_keys(report["summary"], {"functions": int, "candidates": int, "refactorable": int,
                                    "by_failure": dict, "by_transformation": dict}, "summary")
    assert report["summary"]["functions"] == len(report["functions"])
    _check_keys(report["timing"], {k: float for k in ("total_s", "parse_s", "jvm_start_s",
                                                      "call_graph_s", "analysis_s")}, "timing")
