"""Summaries of function outputs that two runs can compare: structure, dtypes, shapes, values.

Plain JSON data. Tensors that have values (eager tensors, variables, NumPy arrays) keep them,
all of them up to `_MAX_VALUES` elements, else an evenly strided sample of that many;
symbolic tensors (outputs of a call made while tracing) keep only dtype and shape.
"""

from __future__ import annotations

import math
from typing import Any

_MAX_VALUES = 1024
_MAX_ITEMS = 64
_MAX_DEPTH = 6
_MAX_TEXT = 200


def summarize(value: Any, depth: int = 0) -> dict[str, Any]:
    if value is None or isinstance(value, (bool, int, float)):
        return {"py": type(value).__name__, "value": value}
    if isinstance(value, (str, bytes)):
        return {"py": type(value).__name__, "value": repr(value)[:_MAX_TEXT]}
    if hasattr(value, "dtype") and hasattr(value, "shape"):
        return _tensor(value)
    if depth < _MAX_DEPTH and isinstance(value, (list, tuple)):
        items = [summarize(item, depth + 1) for item in value[:_MAX_ITEMS]]
        return {"seq": _type_name(value), "length": len(value), "items": items}
    if depth < _MAX_DEPTH and isinstance(value, dict):
        keys = sorted(value, key=repr)[:_MAX_ITEMS]
        return {"map": {repr(key): summarize(value[key], depth + 1) for key in keys},
                "length": len(value)}
    return {"object": _type_name(value)}


def _type_name(value: Any) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


def _tensor(value: Any) -> dict[str, Any]:
    dtype = getattr(value.dtype, "name", None) or str(value.dtype)
    summary: dict[str, Any] = {"tensor": dtype, "shape": _shape(value.shape)}
    array = _concrete(value)
    if array is None:
        summary["symbolic"] = True
        return summary
    flat = array.reshape(-1)
    if flat.size > _MAX_VALUES:
        step = math.ceil(flat.size / _MAX_VALUES)
        summary["stride"] = step
        flat = flat[::step]
    summary["values"] = _values(flat)
    return summary


def _shape(shape: Any) -> list[int | None] | None:
    try:
        return [None if dim is None else int(dim) for dim in shape]
    except (TypeError, ValueError):  # unknown rank
        return None


def _concrete(value: Any) -> Any:
    """The value as a NumPy array, or None when it has none (symbolic)."""
    try:
        import numpy

        if hasattr(value, "numpy"):
            value = value.numpy()
        return numpy.asarray(value)
    except Exception:  # symbolic tensors refuse .numpy() in several ways
        return None


def _values(flat: Any) -> list[Any]:
    kind = flat.dtype.kind
    if kind in "biu":
        return flat.tolist()
    try:
        return flat.astype("float64").tolist()
    except (TypeError, ValueError):  # strings, objects, complex numbers
        return [repr(item)[:_MAX_TEXT] for item in flat.tolist()]
