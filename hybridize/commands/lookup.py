"""What a command says when a report lacks what it needs: a function it was named, or any
function at all. Pure: the callers print."""

from __future__ import annotations

import difflib
from collections.abc import Collection

from hybridize.report import Report


def no_such_function(name: str, known: Collection[str], where: str) -> str:
    """The message for a qualified name that is no function of the report, with near matches."""
    close = difflib.get_close_matches(name, list(known), n=5)
    hint = f" (did you mean: {', '.join(close)})" if close else ""
    return f"no function {name!r} in {where}{hint}"


def unknown_names(names: Collection[str], report: Report) -> str | None:
    """One message for every name in ``names`` that is no function of ``report``."""
    known = {fn.qualified_name for fn in report.functions}
    missing = [no_such_function(name, known, report.project)
               for name in names if name not in known]
    return "; ".join(missing) or None


def empty_report(report: Report) -> tuple[str, bool] | None:
    """When the report has no function: what to tell the user, and whether it is an error
    (every file failed) rather than a project that simply has no functions."""
    if report.functions:
        return None
    if report.errors:
        return f"{report.project}: no file could be analysed", True
    return f"{report.project}: no Python functions found", False
