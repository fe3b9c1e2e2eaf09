"""`hybridize explain`: the verdict and its chain of reasons, through the real pipeline."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from hybridize.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def explain(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["explain", *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.jvm
def test_a_p1_function_shows_the_call_site_passing_a_tensor() -> None:
    code, out, _ = explain(str(FIXTURES / "tensor_through_caller_parameter"), "main.inner")
    assert code == 0
    assert "Verdict: passes P1 -> add @tf.function" in out
    assert ("main.py:7  `outer` passes tensorflow.constant(...) (made at main.py:9) to `v` at "
            "`return inner(u) + 1.0`") in out


@pytest.mark.jvm
def test_side_effects_show_the_statement_and_the_calls_reaching_it() -> None:
    code, out, _ = explain(str(FIXTURES / "effect_transitive_multi_file"), "main.train")
    assert code == 0
    assert "x HAS_PYTHON_SIDE_EFFECTS (4)" in out
    assert ('util.py:2  `print("report", value)`: Python I/O: print, reached via `report` '
            "(main.py:6)") in out


@pytest.mark.jvm
def test_recursion_shows_the_cycle() -> None:
    code, out, _ = explain(str(FIXTURES / "recursion_mutual"), "main.ping")
    assert code == 0
    assert "x IS_RECURSIVE (8)" in out
    assert "`ping` calls `pong`" in out and "`pong` calls `ping`" in out


@pytest.mark.jvm
def test_primitive_call_sites_are_listed() -> None:
    code, out, _ = explain(str(FIXTURES / "primitive_loop_counter"), "main.step")
    assert code == 0
    assert "x HAS_PRIMITIVE_PARAMETERS (12)" in out
    assert ("main.py:8  `main` passes an element of builtins.range(...) (made at main.py:7) to "
            "`i` at `t = step(t, i)`") in out


@pytest.mark.jvm
def test_assumptions_are_shown_and_can_be_turned_off() -> None:
    path = str(FIXTURES / "speculative_naming_convention")
    code, out, _ = explain(path, "main.preprocess")
    assert code == 0 and "assumed: no call site in the project calls it; parameter `images` " \
                            "is conventionally named for a tensor" in out
    assert "--no-speculative turns it off" in out
    code, out, _ = explain(path, "main.preprocess", "--no-speculative")
    assert code == 0 and "assumed" not in out and "HAS_NO_TENSOR_PARAMETERS" in out


@pytest.mark.jvm
def test_unknown_function_suggests_close_names() -> None:
    code, out, err = explain(str(FIXTURES / "recursion_mutual"), "main.pingg")
    assert code == 2 and out == ""
    assert "no function 'main.pingg'" in err and "main.ping" in err


@pytest.mark.jvm
def test_explain_renders_what_the_json_report_says() -> None:
    # No side channel: explain's evidence is the report's own "evidence" and failures.
    root = str(FIXTURES / "eager_only_transitive_multi_file")
    code, out, _ = explain(root, "main.summary")
    assert code == 0
    report_out, report_err = io.StringIO(), io.StringIO()
    assert main(["analyze", root, "--format", "json"], out=report_out, err=report_err) == 0
    [summary] = [f for f in json.loads(report_out.getvalue())["functions"]
                 if f["qualified_name"] == "main.summary"]
    for item in summary["evidence"]["tensor_parameter"]:
        assert f"{item['file']}:{item['line']}  {item['what']}" in out
    [failure] = summary["failures"]
    assert failure["rule"] == "eager-only-call"
    for item in failure["evidence"]:
        assert f"{item['file']}:{item['line']}  {item['what']}" in out
    assert "why: Under @tf.function" in out


@pytest.mark.jvm
def test_the_input_signature_shows_where_each_axis_and_dtype_came_from() -> None:
    code, out, _ = explain(str(FIXTURES / "signature_shape_ops"), "main.normalise")
    assert code == 0 and "Verdict: passes P4 -> RECONFIGURE" in out
    assert "  input signature: [TensorSpec([None, 3], float32)]" in out
    for line, made in ((17, "tensorflow.concat(...): [4, 3]"), (18, "tensorflow.stack(...): [2, 3]"),
                       (19, "tensorflow.squeeze(...): [5, 3]"),
                       (20, "tensorflow.matmul(...): [6, 3]"),
                       (21, "tensorflow.reduce_sum(...): [7, 3]"),
                       (22, "a Python operator: [8, 3]")):
        assert f"main.py:{line}  `x` receives {made} float32" in out
    code, out, _ = explain(str(FIXTURES / "signature_dataset_elements"), "main.column_sums")
    assert "main.py:22  `x` receives an element of a tf.data.Dataset: [None, 3] float32" in out
    assert "main.py:25  `x` receives an element of a tf.data.Dataset: [5, 3] float32" in out


@pytest.mark.jvm
def test_no_input_signature_shows_the_reason_and_the_tensors() -> None:
    code, out, _ = explain(str(FIXTURES / "signature_no_spec"), "main.total_ragged")
    assert code == 0
    assert ("  input signature: none  -- tensorflow.ragged.constant(...) (line 24) passes `x` a "
            "tf.RaggedTensor, which a tf.TensorSpec cannot describe") in out
    assert "main.py:25  `x` receives tensorflow.ragged.constant(...)" in out
