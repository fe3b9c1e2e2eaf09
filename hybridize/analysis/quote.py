"""Source text quoted in evidence, cut from the files by the positions WALA's facts carry.

A fact's span (``hybridize.report.Span``: code-point columns, as the bridge sends them to the
front end) selects exactly the code it is about: ``np.square(x)``, not the whole line. An
expression over several lines is quoted by its first line and an ellipsis; a fact without a
span (synthetic code) by its whole line.
"""

from __future__ import annotations

from hybridize.parse.project import ProjectSources, source_lines
from hybridize.report import Span

#: Quotes longer than this are shortened (a person reads evidence in a terminal).
MAX_QUOTE = 60
ELLIPSIS = "..."


class SourceQuoter:
    """The lines of the project's files, by relative path and 1-based line."""

    def __init__(self, sources: ProjectSources) -> None:
        self._lines = {m.source.relpath: source_lines(m.text) for m in sources.modules}

    def quote(self, file: str, line: int, span: Span | None = None) -> str | None:
        """The code at ``file:line``, exactly ``span`` when there is one (else the whole line),
        shortened; None if unknown or blank."""
        lines = self._lines.get(file)
        if lines is None or not 1 <= line <= len(lines):
            return None
        text = lines[line - 1]
        cut = _cut(text, span) if span is not None and span.line == line else None
        return _shorten(cut if cut is not None else text.strip())

    def at(self, what: str, file: str, line: int, span: Span | None) -> str:
        """``what`` followed by the code it happens in: "... at `np.square(x)`"."""
        code = self.quote(file, line, span)
        return f"{what} at `{code}`" if code else what


def _cut(text: str, span: Span) -> str | None:
    """The span's text on its first line (an ellipsis marks that it goes on); None when the
    span does not fit the line (a file changed since it was analysed)."""
    if not 0 <= span.column < len(text):
        return None
    if span.end_line == span.line:
        if not span.column < span.end_column <= len(text):
            return None
        return text[span.column:span.end_column]
    first = text[span.column:].rstrip()
    return f"{first} {ELLIPSIS}" if first else None


def _shorten(text: str) -> str | None:
    if not text:
        return None
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - len(ELLIPSIS)] + ELLIPSIS
