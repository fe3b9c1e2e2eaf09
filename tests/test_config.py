"""``[tool.hybridize]`` in the analysed project's pyproject.toml: found from PATH upward,
overridden by the command line, echoed in the report; a bad one is a one-line error."""

from __future__ import annotations

import json
from pathlib import Path

from report_contract import check_report
from test_cli import run, write

SIDE_EFFECT = """\
import tensorflow as tf

def step(x):
    print("tracing")
    return x * 2

step(tf.constant(1.0))
"""


def analyse(*argv: str) -> dict:
    code, out, err = run("analyze", *argv, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    check_report(report)
    return report


def names(report: dict) -> list[str]:
    return [fn["qualified_name"] for fn in report["functions"]]


def test_excludes_from_the_config_and_the_command_line_are_honoured(tmp_path: Path) -> None:
    write(tmp_path, {
        "pyproject.toml": '[tool.hybridize]\nexclude = ["legacy", "*_pb2.py"]\n',
        "src/keep.py": "def kept(x):\n    return x\n",
        "src/legacy/old.py": "def old(x):\n    return x\n",
        "src/model_pb2.py": "def generated(x):\n    return x\n",
        "src/scratch/try.py": "def scratch(x):\n    return x\n",
    })
    # The config sits above PATH: found by walking up, its globs match below PATH.
    report = analyse(str(tmp_path / "src"), "--exclude", "scratch/*")
    assert names(report) == ["keep.kept"]
    assert report["settings"]["exclude"] == ["legacy", "*_pb2.py", "scratch/*"]
    assert report["settings"]["config"] == str(tmp_path / "pyproject.toml")


def test_the_command_line_overrides_the_config(tmp_path: Path) -> None:
    write(tmp_path, {
        "pyproject.toml": ('[tool.hybridize]\ncontext = "0-cfa"\nspeculative = false\n'
                           'call-graph-budget = 30\ncall-graph-work = 3\ntensorflow = "2.15"\n'),
        "m.py": "def f(x):\n    return x\n",
    })
    configured = analyse(str(tmp_path))["settings"]
    assert (configured["context"], configured["speculative"], configured["call_graph_budget_s"],
            configured["call_graph_work"]) == ("0-cfa", False, 30.0, 3.0)
    assert configured["tensorflow"] == {"version": "2.15", "keras": 2,
                                        "source": "pyproject.toml"}
    overridden = analyse(str(tmp_path), "--context", "1-cfa", "--speculative",
                         "--call-graph-budget", "60", "--call-graph-work", "2")["settings"]
    assert (overridden["context"], overridden["speculative"], overridden["call_graph_budget_s"],
            overridden["call_graph_work"]) == ("1-cfa", True, 60.0, 2.0)


def test_the_heap_comes_from_the_config_unless_given(tmp_path: Path) -> None:
    # No function, so no JVM starts: the heap echoed is the one asked for.
    write(tmp_path, {"pyproject.toml": '[tool.hybridize]\njvm-heap = "3g"\n'})
    for argv, heap in (((), "3g"), (("--jvm-heap", "5g"), "5g")):
        _, out, _ = run("analyze", str(tmp_path), "--format", "json", *argv)
        assert json.loads(out)["settings"]["jvm_heap"] == heap


def test_no_config_is_null_and_a_pyproject_without_the_table_is_passed_over(
        tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[tool.ruff]\nline-length = 99\n',
                     "m.py": "def f(x):\n    return x\n"})
    settings = analyse(str(tmp_path))["settings"]
    assert settings["config"] is None and settings["exclude"] == [] == settings["ignore"]


def test_an_ignored_failure_no_longer_blocks_and_the_edit_is_unsafe(tmp_path: Path) -> None:
    write(tmp_path, {"step.py": SIDE_EFFECT})
    [blocked] = analyse(str(tmp_path))["functions"]
    assert blocked["transformations"] == []
    assert [f["kind"] for f in blocked["failures"]] == ["HAS_PYTHON_SIDE_EFFECTS"]
    assert blocked["failures"][0]["ignored"] is False
    write(tmp_path, {"pyproject.toml": "[tool.hybridize]\nignore = [4]\n"})
    [waived] = analyse(str(tmp_path))["functions"]
    assert waived["transformations"] == ["CONVERT_TO_HYBRID"]
    assert waived["passing_precondition"] == "P1"
    assert waived["failures"][0]["ignored"] is True
    # It rests on the user's word, not on a proof: apply makes it only with --unsafe.
    assert waived["applicability"] == "unsafe"
    assert "HAS_PYTHON_SIDE_EFFECTS" in waived["assumptions"][-1]["reason"]
    assert waived["assumptions"][-1]["basis"] == "ignored"


def test_a_bad_config_is_one_line_naming_near_matches(tmp_path: Path) -> None:
    write(tmp_path, {"m.py": "def f(x):\n    return x\n"})
    config = tmp_path / "pyproject.toml"
    cases = {
        '[tool.hybridize]\nexclued = ["a"]\n':
            "unknown key 'exclued' (did you mean 'exclude'?)",
        '[tool.hybridize]\ncontext = "2-cfa"\n': "context must be one of 0-cfa, 1-cfa",
        '[tool.hybridize]\nignore = ["eager-only-calls"]\n':
            "'eager-only-calls' is no failure kind, code or rule name "
            "(did you mean 'eager-only-call'?)",
        '[tool.hybridize\n': "invalid TOML",
    }
    for text, message in cases.items():
        config.write_text(text, encoding="utf-8")
        code, out, err = run("analyze", str(tmp_path))
        assert (code, out) == (2, ""), text
        assert err.startswith(f"hybridize: {config}: ") and message in err, err
        assert err.count("\n") == 1, err
