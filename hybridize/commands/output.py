"""Where a command's output goes: stdout or an ``--output`` file checked before the analysis."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO


class OutputError(Exception):
    """The report cannot be written where the user asked."""


def check_writable(path: Path) -> None:
    """Raises OutputError when ``path`` cannot be written, so that a long analysis is not
    run for a report that would be lost. Creates nothing."""
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory")
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: no directory {parent}")
    if not os.access(path if path.exists() else parent, os.W_OK):
        raise OutputError(f"cannot write {path}: permission denied")


def write_output(text: str, path: Path | None, out: TextIO) -> None:
    """Writes ``text`` to ``path``, or to ``out`` when there is no path."""
    if path is None:
        out.write(text)
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
