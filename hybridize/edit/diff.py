"""Render a `FileEdit` as a unified diff for people (decoded for display only)."""

from __future__ import annotations

import difflib

from hybridize.edit.model import FileEdit


def unified_diff(edit: FileEdit, context_lines: int = 3) -> str:
    """A unified diff of the edit, preceded by one `#` line per changed function.

    The header says which transformation each function gets and whether it is
    safe or unsafe; `patch` and `git apply` skip such lines before `---`.
    """
    header = [
        f"# {request.qualified_name}: {request.transformation.value} "
        f"({request.applicability.value})"
        for request in edit.applied_requests
    ]
    body = difflib.unified_diff(
        _display_lines(edit.original),
        _display_lines(edit.updated),
        fromfile=f"a/{edit.path}",
        tofile=f"b/{edit.path}",
        n=context_lines,
        lineterm="",
    )
    return "".join(f"{line}\n" for line in (*header, *body))


def _display_lines(source: bytes) -> list[str]:
    # Line breaks are dropped: the diff shows content, and edits never change endings.
    return source.decode("utf-8-sig", errors="replace").splitlines()
