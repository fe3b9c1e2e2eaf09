"""Renders a Report as GitHub Actions workflow commands: annotations on the pull request.

One ``::warning`` per failure that blocks, at its first evidence line (the ``def`` when there
is none), and one ``::notice`` per edit the analysis would make. Values are escaped as the
runner unescapes them: ``%``, CR and LF everywhere, and ``:`` and ``,`` in properties.

An evidence span becomes ``endLine``, ``col`` and ``endColumn``: 1-based code-point columns,
``endColumn`` the column just after the code (as ruff writes them), so the annotation marks
exactly the call or statement.
"""

from __future__ import annotations

from hybridize.report import FunctionReport, Report, Span


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, file: str, line: int, title: str, message: str,
            span: Span | None = None) -> str:
    place = f"line={line}"
    if span is not None and span.line == line:
        place += (f",endLine={span.end_line},col={span.column + 1},"
                  f"endColumn={span.end_column + 1}")
    return (f"::{level} file={escape_property(file)},{place},"
            f"title={escape_property(title)}::{escape_data(message)}")


#: (file, line, level, title, message, span) of one annotation.
_Annotation = tuple[str, int, str, str, str, Span | None]


def _annotations(fn: FunctionReport) -> list[_Annotation]:
    found: list[_Annotation] = []
    for failure in fn.failures:
        if failure.ignored:
            continue
        place = failure.evidence[0] if failure.evidence else None
        file, line, span = (place.file, place.line, place.span) if place else (fn.file, fn.line,
                                                                               None)
        title = f"{fn.qualified_name}: {failure.rule or failure.kind.name}"
        found.append((file, line, "warning", title, failure.message, span))
    for transformation in fn.transformations:
        grade = fn.applicability.value if fn.applicability else "-"
        found.append((fn.file, fn.line, "notice",
                      f"{fn.qualified_name}: {transformation.value} ({grade})",
                      f"hybridize would {transformation.value} `{fn.qualified_name}`", None))
    return found


def to_github(report: Report) -> str:
    rows = sorted((row for fn in report.functions for row in _annotations(fn)),
                  key=lambda row: row[:5])
    lines = [command(level, file, line, title, message, span)
             for file, line, level, title, message, span in rows]
    lines += [command("error", error.file, error.line or 1, "hybridize: file not analysed",
                      error.message) for error in report.errors if error.file]
    return "".join(line + "\n" for line in lines)
