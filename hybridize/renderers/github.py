"""Renders a Report as GitHub Actions workflow commands: annotations on the pull request.

One ``::warning`` per failure that blocks, at its first evidence line (the ``def`` when there
is none), and one ``::notice`` per edit the analysis would make. Values are escaped as the
runner unescapes them: ``%``, CR and LF everywhere, and ``:`` and ``,`` in properties.
"""

from __future__ import annotations

from hybridize.report import FunctionReport, Report


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, file: str, line: int, title: str, message: str) -> str:
    return (f"::{level} file={escape_property(file)},line={line},"
            f"title={escape_property(title)}::{escape_data(message)}")


def _annotations(fn: FunctionReport) -> list[tuple[str, int, str, str, str]]:
    found = []
    for failure in fn.failures:
        if failure.ignored:
            continue
        place = failure.evidence[0] if failure.evidence else None
        file, line = (place.file, place.line) if place else (fn.file, fn.line)
        title = f"{fn.qualified_name}: {failure.rule or failure.kind.name}"
        found.append((file, line, "warning", title, failure.message))
    for transformation in fn.transformations:
        grade = fn.applicability.value if fn.applicability else "-"
        found.append((fn.file, fn.line, "notice",
                      f"{fn.qualified_name}: {transformation.value} ({grade})",
                      f"hybridize would {transformation.value} `{fn.qualified_name}`"))
    return found


def to_github(report: Report) -> str:
    rows = sorted(row for fn in report.functions for row in _annotations(fn))
    lines = [command(level, file, line, title, message)
             for file, line, level, title, message in rows]
    lines += [command("error", error.file, error.line or 1, "hybridize: file not analysed",
                      error.message) for error in report.errors if error.file]
    return "".join(line + "\n" for line in lines)
