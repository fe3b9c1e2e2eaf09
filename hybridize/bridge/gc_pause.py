"""Pausing Python's cyclic garbage collector around allocation-heavy work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Each allocation burst starts a cyclic collection that traverses every live object, the
    project's ASTs included, and frees next to nothing: the work in between (building and
    decoding bridge documents, the analyses' value sets) makes few cycles. Measured at 100 KLOC:
    a third of serialisation, most of result decoding; on a real TF2 project (24 scripts), a
    sixth of the analyses."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
