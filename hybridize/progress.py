"""How long phases report progress: ``progress(done, total, what)``. The caller decides how to
show it (the CLI: a status line on a terminal); the analysis itself does no I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Called as (done, total, what) while a phase progresses; done == total ends the phase.
ProgressCallback = Callable[[int, int, str], None]


@contextmanager
def phase(progress: ProgressCallback | None, what: str) -> Iterator[None]:
    """Reports one step that cannot be counted (a single call into Java): begun, then done."""
    if progress is None:
        yield
        return
    progress(0, 1, what)
    try:
        yield
    finally:
        progress(1, 1, what)
