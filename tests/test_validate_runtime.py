"""The validation's instrumentation and comparison without the analysis: explicit edits
through the internal API (TensorFlow in subprocesses), and the comparison rules on data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hybridize.edit import EditRequest
from hybridize.report import Transformation
from hybridize.validate import Invocation, Outcome, Tolerance, validate_edits
from hybridize.validate.compare import blame_enclosing, difference, judge
from hybridize.validate.model import Evidence, Verdict
from hybridize.validate.records import Call, FunctionRecord

FIXTURES = Path(__file__).resolve().parent / "validate_fixtures"
HYBRID = Transformation.CONVERT_TO_HYBRID


@pytest.mark.tensorflow
def test_methods_and_nested_functions_of_a_package_run_with_dash_m_from_above() -> None:
    # The project is `layout`; the command runs from the folder above it, as `layout.pkg`:
    # the modules' runtime names differ from the report's ("pkg.ops"), their files do not.
    requests = {"pkg/ops.py": [EditRequest(10, "pkg.ops.Scaler.apply", HYBRID),
                               EditRequest(15, "pkg.ops.outer.inner", HYBRID)]}
    invocation = Invocation((sys.executable, "-m", "layout.pkg"), FIXTURES)
    report = validate_edits(FIXTURES / "layout", requests, invocation).report
    assert report.original.exit == report.refactored.exit == 0
    functions = {f.qualified_name: f for f in report.functions}
    method = functions["pkg.ops.Scaler.apply"]
    assert (method.outcome, method.calls, method.traces) == (Outcome.AGREE, 3, 1)
    # A tf.function made anew by every call of `outer` is traced anew every time.
    nested = functions["pkg.ops.outer.inner"]
    assert (nested.outcome, nested.calls, nested.traces) == (Outcome.AGREE, 3, 3)
    assert nested.verdict.evidence is Evidence.VALUES


def _tensor(values: list, dtype: str = "float32", shape: list | None = None) -> dict:
    return {"tensor": dtype, "shape": [len(values)] if shape is None else shape, "values": values}


def test_values_agree_within_the_tolerance_only() -> None:
    tolerance = Tolerance(rtol=1e-4, atol=1e-5)
    assert difference(_tensor([1.0, 2.0]), _tensor([1.00005, 2.0]), tolerance) is None
    assert difference(_tensor([1.0, 2.0]), _tensor([1.001, 2.0]), tolerance) == (
        "output: element 0 was 1.0, now 1.001")
    assert difference(_tensor([1.0]), _tensor([1.0], "float64"), tolerance) == (
        "output: dtype float32, now float64")


def test_a_python_number_compares_with_a_scalar_tensor_by_value() -> None:
    # tf.function returns Python numbers as tensors: removing it returns the number again.
    number = {"py": "float", "value": 0.01}
    assert difference(_tensor([0.009999999776], shape=[]), number, Tolerance()) is None
    assert difference(_tensor([0.02], shape=[]), number, Tolerance()) is not None


def test_symbolic_outputs_compare_by_dtype_and_known_dimensions() -> None:
    symbolic = {"tensor": "float32", "shape": [None, 10], "symbolic": True}
    assert difference(_tensor([0.0] * 20, shape=[2, 10]), symbolic, Tolerance()) is None
    assert difference(_tensor([0.0] * 2, shape=[2, 1]), symbolic, Tolerance()) == (
        "output: shape [2, 1], now [None, 10]")


def _call(output: dict | None, eager: bool = True, inside: str | None = None,
          raised: str | None = None) -> Call:
    return Call(eager, 0.1, inside, output, raised)


def test_outcomes_from_records() -> None:
    out = _tensor([1.0])
    once = FunctionRecord((_call(out),))
    assert judge(FunctionRecord(), FunctionRecord(), Tolerance()).outcome is Outcome.NOT_CALLED
    assert judge(once, once, Tolerance()) == Verdict(Outcome.AGREE, None, Evidence.VALUES)
    traced_error = FunctionRecord((_call(None, raised="TypeError: x"),), 0, 1, 1, ("TypeError: x",))
    assert judge(once, traced_error, Tolerance()) == Verdict(
        Outcome.RAISE, "raised while tracing: TypeError: x")
    twice = FunctionRecord((_call(out), _call(out)))
    assert judge(twice, once, Tolerance()).outcome is Outcome.DIVERGE


def test_a_function_seen_only_inside_a_diverging_graph_diverges_too() -> None:
    inside = FunctionRecord((_call({"tensor": "float32", "shape": [1], "symbolic": True},
                                   eager=False, inside="m.step"),))
    verdicts = {"m.step": Verdict(Outcome.DIVERGE, "call 1: ...", Evidence.VALUES),
                "m.loss": Verdict(Outcome.AGREE, None, Evidence.SHAPES)}
    blamed = blame_enclosing(verdicts, {"m.loss": inside})
    assert blamed["m.loss"] == Verdict(Outcome.DIVERGE, "ran only inside m.step, which diverges",
                                       Evidence.SHAPES)
