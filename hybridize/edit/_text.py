"""Byte-level facts about a source file: line endings, line starts, indentation.

Everything here works on the file's bytes, never on decoded text, so offsets stay
valid whatever non-ASCII characters precede them (tree-sitter offsets are bytes too).
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from dataclasses import dataclass

UTF8_BOM = b"\xef\xbb\xbf"

# Python accepts all three endings, even mixed in one file.
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_BLANK = frozenset(b" \t\f")


class LineEnding(enum.Enum):
    LF = b"\n"
    CRLF = b"\r\n"
    CR = b"\r"

    @classmethod
    def dominant(cls, source: bytes) -> LineEnding:
        """The most frequent ending; LF when there is none or on a tie with LF."""
        crlf = source.count(b"\r\n")
        counts = {
            cls.LF: source.count(b"\n") - crlf,
            cls.CRLF: crlf,
            cls.CR: source.count(b"\r") - crlf,
        }
        return max(counts, key=lambda ending: (counts[ending], ending is cls.LF))


@dataclass(frozen=True)
class LineIndex:
    """Byte offset of the start of every line, counting lines as Python does."""

    #: ``starts[i]`` is the offset of line ``i + 1``.
    starts: tuple[int, ...]

    @classmethod
    def of(cls, source: bytes) -> LineIndex:
        first = bom_length(source)
        return cls((first, *(match.end() for match in _LINE_BREAK.finditer(source))))

    def line_of(self, offset: int) -> int:
        """1-based line containing ``offset``."""
        return bisect_right(self.starts, offset)


def bom_length(source: bytes) -> int:
    return len(UTF8_BOM) if source.startswith(UTF8_BOM) else 0


def line_start(source: bytes, offset: int) -> int:
    """Offset of the first byte of the line containing ``offset``, after any BOM.

    Text inserted at a line start must never land in front of the BOM.
    """
    after_break = max(source.rfind(b"\n", 0, offset), source.rfind(b"\r", 0, offset)) + 1
    return max(after_break, bom_length(source))


def line_end_after_break(source: bytes, offset: int) -> int:
    """Offset just past the line break ending the line containing ``offset`` (or EOF)."""
    match = _LINE_BREAK.search(source, offset)
    return match.end() if match else len(source)


def indentation_before(source: bytes, offset: int) -> bytes | None:
    """The whitespace between the line start and ``offset``, or None if there is code."""
    prefix = source[line_start(source, offset) : offset]
    if all(byte in _BLANK for byte in prefix):
        return prefix
    return None


def only_comment_follows(source: bytes, offset: int) -> bool:
    """True when the rest of the line after ``offset`` is blank or a comment."""
    rest = source[offset : line_end_after_break(source, offset)]
    return re.fullmatch(rb"[ \t\f]*(#[^\r\n]*)?(\r\n|\r|\n)?", rest) is not None
