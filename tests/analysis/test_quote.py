"""SourceQuoter: how a span is cut from a line, and which lines there are."""

from __future__ import annotations

from pathlib import Path

from hybridize.analysis.quote import MAX_QUOTE, SourceQuoter
from hybridize.parse.project import load_project
from hybridize.report import Span


def quoter(tmp_path: Path, text: str) -> SourceQuoter:
    (tmp_path / "m.py").write_text(text, encoding="utf-8")
    return SourceQuoter(load_project(tmp_path))


def test_a_span_on_one_line_is_cut_exactly(tmp_path: Path) -> None:
    q = quoter(tmp_path, "y = f(x) + g(x)\n")
    assert q.quote("m.py", 1, Span(1, 11, 1, 15)) == "g(x)"
    assert q.quote("m.py", 1) == "y = f(x) + g(x)"  # no span: the whole line


def test_a_span_over_lines_is_its_first_line_and_an_ellipsis(tmp_path: Path) -> None:
    q = quoter(tmp_path, "y = f(a,   \n      b)\n")
    assert q.quote("m.py", 1, Span(1, 4, 2, 8)) == "f(a, ..."


def test_a_span_that_does_not_fit_its_line_falls_back_to_the_line(tmp_path: Path) -> None:
    q = quoter(tmp_path, "y = f(x)\n")
    assert q.quote("m.py", 1, Span(1, 4, 1, 40)) == "y = f(x)"
    assert q.quote("m.py", 1, Span(1, 9, 1, 10)) == "y = f(x)"
    assert q.quote("m.py", 1, Span(2, 0, 2, 1)) == "y = f(x)"  # another line's span
    assert q.quote("m.py", 3) is None and q.quote("other.py", 1) is None


def test_long_code_is_shortened(tmp_path: Path) -> None:
    call = "f(" + ", ".join(f"a{i}" for i in range(30)) + ")"
    q = quoter(tmp_path, f"y = {call}\n")
    quoted = q.quote("m.py", 1, Span(1, 4, 1, 4 + len(call)))
    assert quoted is not None and len(quoted) == MAX_QUOTE and quoted.endswith("...")
    assert call.startswith(quoted.removesuffix("..."))


def test_lines_are_counted_as_the_tokenizer_counts_them(tmp_path: Path) -> None:
    """A form feed or a line separator inside a line is no line break for ``ast``."""
    q = quoter(tmp_path, "a = 1\x0c  # page\ns = '\u2028'\ny = f(x)\n")
    assert q.quote("m.py", 3, Span(3, 4, 3, 8)) == "f(x)"
