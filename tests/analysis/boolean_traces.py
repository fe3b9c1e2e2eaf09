"""How many traces Python booleans cost a ``tf.function`` (used by dynamic_runner.py, in the
TensorFlow process).

The analysis does not count a parameter that receives only booleans as a primitive parameter
because a bool retraces at most once per value. For a recorded call passing booleans (or
tuples/lists of only booleans), the function runs under one ``tf.function`` with every
combination of their values, twice each: the traces must number at most the combinations,
so repeated calls with the same flags reuse their graphs.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any

import tensorflow as tf

REPEATS = 2


def _flag_slots(values: list[Any]) -> dict[int, int]:
    """Index of each boolean argument -> how many booleans it holds (1 for a bare bool)."""
    slots = {}
    for index, value in enumerate(values):
        if isinstance(value, bool):
            slots[index] = 1
        elif (isinstance(value, (tuple, list)) and value
              and all(isinstance(v, bool) for v in value)):
            slots[index] = len(value)
    return slots


def _with_flags(values: list[Any], slots: dict[int, int], flags: tuple[bool, ...]) -> list[Any]:
    out, taken = list(values), 0
    for index, width in slots.items():
        chosen = flags[taken:taken + width]
        taken += width
        out[index] = chosen[0] if width == 1 else type(values[index])(chosen)
    return out


def boolean_traces(function: Callable[..., Any], call: dict[str, Any],
                   arguments: Callable[[dict[str, Any]], tuple[list[Any], dict[str, Any]]]
                   ) -> dict[str, int] | None:
    """``{"combinations", "traces"}`` for a call passing booleans; None when it passes none.
    ``arguments`` makes fresh (args, kwargs) of a recorded call."""
    slots = _flag_slots(call["values"])
    if not slots:
        return None
    traces = 0

    @functools.wraps(function)
    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal traces
        traces += 1  # runs only while tracing
        return function(*args, **kwargs)

    graph = tf.function(counted)
    combinations = list(itertools.product((True, False), repeat=sum(slots.values())))
    for flags in combinations * REPEATS:
        args, kwargs = arguments({**call, "values": _with_flags(call["values"], slots, flags)})
        graph(*args, **kwargs)
    return {"combinations": len(combinations), "traces": traces}
