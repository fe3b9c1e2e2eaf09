"""Evidence quotes exactly the code WALA's facts are about, cut by their source range.

End to end: the module goes through the real bridge, JVM and WALA, and the JSON report's
evidence carries ``column``, ``end_line`` and ``end_column`` (code points, end exclusive). Each
test cuts the source by those keys and checks that the cut, and the quote in ``what``, is
exactly the call or statement: single-line, multi-line, after non-ASCII text, after tabs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_contract import check_report
from test_cli import run, write

pytestmark = pytest.mark.jvm


def report_of(root: Path, source: str) -> dict:
    write(root, {"m.py": source})
    code, out, err = run("analyze", str(root), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    check_report(report)
    return report


def function(report: dict, name: str) -> dict:
    return next(fn for fn in report["functions"] if fn["qualified_name"] == name)


def rule_evidence(report: dict, name: str, rule: str) -> list[dict]:
    [failure] = [f for f in function(report, name)["failures"] if f["rule"] == rule]
    return failure["evidence"]


def cut(source: str, evidence: dict) -> str:
    """The source between an evidence item's start and end (lines split as the tokenizer)."""
    lines = source.split("\n")
    first, last = evidence["line"], evidence["end_line"]
    if first == last:
        return lines[first - 1][evidence["column"]:evidence["end_column"]]
    middle = lines[first:last - 1]
    return "\n".join([lines[first - 1][evidence["column"]:], *middle,
                      lines[last - 1][:evidence["end_column"]]])


def test_each_library_call_is_quoted_exactly_not_its_line(tmp_path: Path) -> None:
    source = ("import numpy as np\nimport tensorflow as tf\n\n"
              "def energy(x):\n    return np.square(x) + np.abs(x) + 1.0\n\n"
              "energy(tf.constant([1.0]))\n")
    report = report_of(tmp_path, source)
    quoted = sorted((cut(source, e), e["what"])
                    for e in rule_evidence(report, "m.energy", "numpy-call-on-tensor"))
    # Two calls on one line: two facts, each with its own range.
    assert [code for code, _ in quoted] == ["np.abs(x)", "np.square(x)"]
    assert all(what.endswith(f" at `{code}`") for code, what in quoted)
    # The call site passing the tensor is quoted as the call, not the statement.
    [passed] = function(report, "m.energy")["evidence"]["tensor_parameter"]
    assert cut(source, passed) == "energy(tf.constant([1.0]))"
    assert passed["what"].endswith("at `energy(tf.constant([1.0]))`")


def test_a_multi_line_call_is_quoted_by_its_first_line(tmp_path: Path) -> None:
    source = ("import tensorflow as tf\n\n"
              "def root(x):\n    y = tf.sqrt(x,\n                tf.float32)\n    return y\n\n"
              "root(tf.constant(4.0))\n")
    report = report_of(tmp_path, source)
    [evidence] = rule_evidence(report, "m.root", "invalid-name-argument")
    assert (evidence["line"], evidence["end_line"]) == (4, 5)
    assert cut(source, evidence) == "tf.sqrt(x,\n                tf.float32)"
    assert evidence["what"].endswith(" at `tf.sqrt(x, ...`")


def test_columns_count_code_points_after_non_ascii_text(tmp_path: Path) -> None:
    line = '    s = "héllo 😀"; y = np.square(x)'
    source = ("import numpy as np\nimport tensorflow as tf\n\n"
              f"def f(x):\n{line}\n    return y\n\nf(tf.constant([1.0]))\n")
    report = report_of(tmp_path, source)
    [evidence] = rule_evidence(report, "m.f", "numpy-call-on-tensor")
    assert evidence["column"] == line.index("np.square")
    # CPython's own column counts UTF-8 bytes (and UTF-16 would count the emoji twice).
    assert evidence["column"] != len(line[:line.index("np.square")].encode("utf-8"))
    assert cut(source, evidence) == "np.square(x)"
    assert evidence["what"].endswith(" at `np.square(x)`")


def test_a_side_effect_on_a_non_ascii_line_quotes_its_call(tmp_path: Path) -> None:
    source = 'import tensorflow as tf\n\ndef f(x):\n    y = x; print("é", y)\n    return y\n\n' \
             "f(tf.constant(1.0))\n"
    report = report_of(tmp_path, source)
    [effect] = function(report, "m.f")["evidence"]["python_side_effects"]
    assert cut(source, effect) == 'print("é", y)'
    assert effect["what"] == '`print("é", y)`: Python I/O: print'


def test_a_tab_is_one_column(tmp_path: Path) -> None:
    source = ("import numpy as np\nimport tensorflow as tf\n\n"
              "def f(x):\n\ty =\tnp.square(x)\n\treturn y\n\nf(tf.constant([1.0]))\n")
    report = report_of(tmp_path, source)
    [evidence] = rule_evidence(report, "m.f", "numpy-call-on-tensor")
    assert (evidence["line"], evidence["column"], evidence["end_column"]) == (5, 5, 17)
    assert cut(source, evidence) == "np.square(x)"


def test_a_statement_writing_state_is_quoted_whole(tmp_path: Path) -> None:
    """A write's fact is its statement, also when the target is a subscript or nested."""
    source = ("import tensorflow as tf\nCACHE = [0.0]\n\n"
              "def f(x):\n    CACHE[0], y = x, 1\n    return x\n\nf(tf.constant(1.0))\n")
    report = report_of(tmp_path, source)
    [effect] = function(report, "m.f")["evidence"]["python_side_effects"]
    assert cut(source, effect) == "CACHE[0], y = x, 1"
    assert effect["what"].startswith("`CACHE[0], y = x, 1` writes elements of a `list`")


RULES_SOURCE = """import tensorflow as tf


def deco(f):
    return f


@deco
def step(x):
    return x * 2


def rows(t):
    return [r * 2 for r in t]


def fact(n):
    return n if n < 1 else fact(n - 1)


def helper(x):
    return x * 3


@tf.function
def outer(x):
    return helper(x)


def collect(t):
    kept = []
    for r in t:
        kept.append(r)
    return kept


def pairs(t):
    return list(t)


step(tf.constant([1.0]))
rows(tf.constant([[1.0]]))
fact(3)
outer(tf.constant([1.0]))
collect(tf.constant([[1.0]]))
pairs(tf.constant([[1.0]]))
"""


@pytest.mark.parametrize(("name", "rule", "code"), [
    # The decorator's application (WALA's call edge), not `ast.unparse` of it.
    ("m.step", "unsupported-decorator", "deco"),
    # The iteration facts of the Java side carry ranges: the comprehension, the call in a
    # for's body that keeps a loop tensor, a builtin that iterates its tensor argument.
    ("m.rows", "tensor-iteration", "[r * 2 for r in t]"),
    ("m.collect", "tensor-iteration", "kept.append(r)"),
    ("m.pairs", "tensor-iteration", "list(t)"),
    ("m.helper", "covered-callers", "helper(x)"),
])
def test_every_rule_quotes_the_code_of_its_fact(tmp_path: Path, name: str, rule: str,
                                                code: str) -> None:
    report = report_of(tmp_path, RULES_SOURCE)
    [evidence] = rule_evidence(report, name, rule)
    assert cut(RULES_SOURCE, evidence) == code
    # A decorator is named with its `@`.
    assert f"`{code}`" in evidence["what"] or f"`@{code}`" in evidence["what"]


def test_a_recursive_call_is_quoted_in_the_cycle(tmp_path: Path) -> None:
    report = report_of(tmp_path, RULES_SOURCE)
    [evidence] = function(report, "m.fact")["evidence"]["recursive"]
    assert cut(RULES_SOURCE, evidence) == "fact(n - 1)"
    assert evidence["what"] == "`fact` calls `fact` at `fact(n - 1)`"


def test_a_stale_read_quotes_the_name_it_reads(tmp_path: Path) -> None:
    source = ("import tensorflow as tf\n\nSCALE = 1.0\n\n\ndef scaled(x):\n"
              "    return x * SCALE\n\n\nfor SCALE in (1.0, 2.0):\n"
              "    print(scaled(tf.ones([2])))\n")
    report = report_of(tmp_path, source)
    [evidence] = rule_evidence(report, "m.scaled", "stale-variable-read")
    assert cut(source, evidence) == "SCALE" and evidence["line"] == 7
    assert evidence["what"].endswith(" at `SCALE`")
