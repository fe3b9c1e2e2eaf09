"""Parameters that receive only Python booleans: not primitive parameters, but worth a word.

A Python bool argument is part of a ``tf.function``'s cache key like any scalar, but it has
two values, so it costs at most two traces (``model(x, training=True)`` and ``False``); the
reference tool ignores booleans by default and so do we (``PRIMITIVE_VALUES``). The
function's ``info`` says which parameters receive them, so the extra trace is no surprise.
"""

from __future__ import annotations

from hybridize.analysis.facts import PassedValue
from hybridize.bridge.value_kinds import BOOLEAN_VALUES, PRIMITIVE_VALUES, ValueKind


def boolean_notes(values: dict[str, list[PassedValue]]) -> tuple[str, ...]:
    """One line per parameter whose call sites pass booleans and no other Python scalar
    (WALA's passed values; receivers are no parameters there)."""
    notes = []
    for parameter, passed in values.items():
        kinds = {v.kind for v in passed}
        if kinds & PRIMITIVE_VALUES:
            continue
        if ValueKind.BOOL in kinds:
            notes.append(f"`{parameter}` receives Python booleans (at most two traces)")
        elif kinds & BOOLEAN_VALUES:
            notes.append(f"`{parameter}` receives containers of Python booleans (a trace per "
                         "combination of their values)")
    return tuple(notes)
