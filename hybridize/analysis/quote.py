"""Source text quoted in evidence, cut from the files by the positions WALA's facts carry."""

from __future__ import annotations

from hybridize.parse.project import ProjectSources

#: Quotes longer than this are shortened (a person reads evidence in a terminal).
MAX_QUOTE = 60


class SourceQuoter:
    """The lines of the project's files, by relative path and 1-based line."""

    def __init__(self, sources: ProjectSources) -> None:
        self._lines = {m.source.relpath: m.text.splitlines() for m in sources.modules}

    def line(self, file: str, line: int) -> str | None:
        """The statement text at ``file:line``, stripped and shortened; None if unknown."""
        lines = self._lines.get(file)
        if lines is None or not 1 <= line <= len(lines):
            return None
        text = lines[line - 1].strip()
        if not text:
            return None
        return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 3] + "..."
