"""Parameters that receive only Python booleans: not primitive parameters, but worth a word.

A Python bool argument is part of a ``tf.function``'s cache key like any scalar, but it has
two values, so it costs at most two traces (``model(x, training=True)`` and ``False``); the
reference tool ignores booleans by default and so do we (``PRIMITIVE_VALUES``). The
function's ``info`` says which parameters receive them, so the extra trace is no surprise.
"""

from __future__ import annotations

from hybridize.analysis.facts import PassedValue
from hybridize.analysis.program import Scope
from hybridize.frontend.wala import BOOLEAN_VALUES, PRIMITIVE_VALUES


def boolean_notes(scope: Scope, values: dict[str, list[PassedValue]]) -> tuple[str, ...]:
    """One line per parameter whose call sites pass booleans and no other Python scalar."""
    notes = []
    for parameter in scope.params:
        kinds = {v.kind for v in values.get(parameter, ())}
        if parameter == scope.receiver or kinds & PRIMITIVE_VALUES:
            continue
        if "bool" in kinds:
            notes.append(f"`{parameter}` receives Python booleans (at most two traces)")
        elif kinds & BOOLEAN_VALUES:
            notes.append(f"`{parameter}` receives containers of Python booleans (a trace per "
                         "combination of their values)")
    return tuple(notes)
