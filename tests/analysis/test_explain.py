"""`hybridize explain`: the verdict and its chain of reasons, through the real pipeline."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from hybridize.cli import main
from hybridize.verdicts.rules import RULES

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
            "`inner(u)`") in out


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
            "`i` at `step(t, i)`") in out


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


@pytest.mark.jvm
@pytest.mark.parametrize("options", [(), ("--no-type-hints",), ("--no-speculative",),
                                     ("--context", "0-cfa", "--call-graph-budget", "0")])
def test_explain_honours_the_analysing_options_as_analyze_does(options: tuple[str, ...]) -> None:
    # A tf.Tensor hint decides this function's verdict unless the options turn hints off.
    root = str(FIXTURES / "speculative_tensor_type_hint")
    code, out, _ = explain(root, "main.normalize", *options)
    assert code == 0
    report_out = io.StringIO()
    assert main(["analyze", root, "--format", "json", *options], out=report_out,
                err=io.StringIO()) == 0
    [fn] = json.loads(report_out.getvalue())["functions"]
    verdict = fn["passing_precondition"]
    failures = [f"  x {f['kind']} ({f['code']}): {f['message']}" for f in fn["failures"]]
    assert (f"Verdict: passes {verdict}" in out) == (verdict is not None)
    assert all(line in out for line in failures)
    assert ("assumed:" in out) == bool(fn["assumptions"])
    # The options do change this verdict: hints on, P1; off, no tensor parameter.
    assert (verdict == "P1") == (options in ((), ("--context", "0-cfa", "--call-graph-budget",
                                                  "0")))


def _blocked_by(rule_name: str) -> tuple[Path, str]:
    """The first fixture function (default settings) the rule blocks, from expected.json."""
    for root in sorted(FIXTURES.iterdir()):
        expected_file = root / "expected.json"
        if not expected_file.is_file():
            continue
        expected = json.loads(expected_file.read_text("utf-8"))
        if "xfail" in expected or expected.get("settings"):
            continue
        for name, want in expected["functions"].items():
            if rule_name in want.get("rules", ()):
                return root, name
    raise LookupError(f"no fixture function is blocked by {rule_name}")


@pytest.mark.jvm
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_a_blocking_rule_is_explained_with_its_registry_entry(rule) -> None:
    root, function = _blocked_by(rule.name)
    code, out, _ = explain(str(root), function)
    assert code == 0
    start = out.index(f"blocked (rule {rule.name}, {rule.kind.name})")
    end = out.find("  blocked (", start + 1)
    section = out[start:] if end < 0 else out[start:end]  # this rule's lines only
    assert f"why: {rule.why}" in section
    assert f"a {rule.category.value} rule: " in section
    hazard, fixed = section.index("has the hazard:"), section.index("does not:")
    for line in filter(str.strip, rule.bad_example.splitlines()):
        assert line in section[hazard:fixed], line
    for line in filter(str.strip, rule.good_example.splitlines()):
        assert line in section[fixed:], line
