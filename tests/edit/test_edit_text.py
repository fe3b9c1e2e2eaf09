"""Byte-level helpers: line endings, line starts (Python's notion), BOM, applicability."""

from __future__ import annotations

import pytest

from hybridize.edit import Applicability
from hybridize.edit._text import LineEnding, LineIndex, line_start, only_comment_follows
from hybridize.report import Assumption, FunctionReport


@pytest.mark.parametrize(
    ("source", "ending"),
    [
        (b"", LineEnding.LF),
        (b"a\nb\r\nc\n", LineEnding.LF),
        (b"a\r\nb\r\nc\n", LineEnding.CRLF),
        (b"a\rb\rc\r\n", LineEnding.CR),
        (b"a\r\nb\n", LineEnding.LF),  # a tie goes to LF
    ],
)
def test_dominant_line_ending(source: bytes, ending: LineEnding) -> None:
    assert LineEnding.dominant(source) is ending


def test_line_index_counts_every_ending_and_bytes_not_characters() -> None:
    source = "é🎉\r\nb\rc\nd".encode()
    index = LineIndex.of(source)

    assert index.starts == (0, 8, 10, 12)
    assert [index.line_of(offset) for offset in (0, 7, 8, 10, 12)] == [1, 1, 2, 3, 4]


def test_line_starts_skip_the_bom() -> None:
    source = b"\xef\xbb\xbfdef f(): pass\n"

    assert LineIndex.of(source).starts[0] == 3
    assert line_start(source, 7) == 3
    assert line_start(b"x\n  def", 5) == 2


@pytest.mark.parametrize(
    ("rest", "expected"),
    [(b"  # note\n", True), (b"\r\n", True), (b"", True), (b" pass\n", False)],
)
def test_only_comment_follows(rest: bytes, expected: bool) -> None:
    assert only_comment_follows(b"@dec" + rest, 4) is expected


def test_applicability_follows_the_reports_assumptions() -> None:
    proven = FunctionReport(name="f", qualified_name="m.f", file="m.py", line=1, hybrid=False)
    guessed = FunctionReport(
        name="g",
        qualified_name="m.g",
        file="m.py",
        line=4,
        hybrid=False,
        assumptions=[Assumption("tensor_parameter", "annotated `tf.Tensor`")],
    )

    assert Applicability.of(proven) is Applicability.SAFE
    assert Applicability.of(guessed) is Applicability.UNSAFE
