"""Serialises parsed modules to the JSON documents the Java front end translates to CAst.

Schema version 2, one document per module::

    {"v": 2, "file": "pkg/mod.py", "module": "pkg.mod", "package": false, "ast": NODE}

A NODE is a dict: ``"_"`` holds the ``ast`` class name, ``"l"``/``"c"`` the start line and
column and ``"el"``/``"ec"`` the end line and column, where available. Columns are counted in
code points (CPython reports UTF-8 byte offsets). Every other key is an ``ast`` field of the
node: child nodes, lists of them, or plain values (identifiers, operators by class name).
``Constant`` values carry ``"kind"`` (``int float complex str bytes bool None Ellipsis``) and a
JSON-safe ``"value"`` (integers too large for a Java long and non-finite floats as strings).
Each module crosses the JVM bridge once, as one such document (``ModuleUpload`` in Java).
"""

from __future__ import annotations

import ast
import json
import math
from typing import Any

from hybridize.project import ParsedModule

SCHEMA_VERSION = 2
_LONG_MAX = 2**63 - 1


class _ColumnMap:
    """Converts CPython's UTF-8 byte offsets to code-point columns, line by line."""

    def __init__(self, text: str) -> None:
        # Only the line ends Python's tokenizer knows: str.splitlines would also split at form
        # feeds and other separators, shifting every later line.
        self._lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self._ascii = [line.isascii() for line in self._lines]

    def column(self, line: int, byte_offset: int) -> int:
        index = line - 1
        if index < 0 or index >= len(self._lines) or self._ascii[index]:
            return byte_offset
        encoded = self._lines[index].encode("utf-8")
        return len(encoded[:byte_offset].decode("utf-8", errors="replace"))


def _constant(value: object) -> tuple[str, Any]:
    if value is None:
        return "None", None
    if value is Ellipsis:
        return "Ellipsis", None
    if isinstance(value, bool):
        return "bool", value
    if isinstance(value, int):
        return "int", value if -_LONG_MAX - 1 <= value <= _LONG_MAX else str(value)
    if isinstance(value, float):
        return "float", value if math.isfinite(value) else repr(value)
    if isinstance(value, complex):
        return "complex", repr(value)
    if isinstance(value, bytes):
        return "bytes", value.decode("latin-1")
    return "str", str(value)


#: Fields never serialised: type comments, and load/store contexts (implied by position).
_SKIPPED_FIELDS = frozenset(("type_comment", "ctx"))


class _Serializer:
    """The walk visits every node of the project, so it is written for speed: per-class field
    tuples computed once, type dispatch without isinstance chains, and no column conversion at
    all for an ASCII file (byte offsets are then code-point columns)."""

    def __init__(self, text: str) -> None:
        self._column = None if text.isascii() else _ColumnMap(text).column
        self._fields: dict[type, tuple[str, ...]] = {}

    def node(self, node: ast.AST) -> dict[str, Any]:
        cls = type(node)
        out: dict[str, Any] = {"_": cls.__name__}
        line = getattr(node, "lineno", None)
        if line is not None:
            column = self._column
            col = node.col_offset  # type: ignore[attr-defined]
            out["l"] = line
            out["c"] = col if column is None else column(line, col)
            end_line = getattr(node, "end_lineno", None)
            end_col = getattr(node, "end_col_offset", None)
            if end_line is not None and end_col is not None:
                out["el"] = end_line
                out["ec"] = end_col if column is None else column(end_line, end_col)
        if cls is ast.Constant:
            out["kind"], out["value"] = _constant(node.value)  # type: ignore[attr-defined]
            return out
        fields = self._fields.get(cls)
        if fields is None:
            fields = self._fields[cls] = tuple(f for f in cls._fields if f not in _SKIPPED_FIELDS)
        value = self.value
        for name in fields:
            try:
                field = getattr(node, name)
            except AttributeError:  # as ast.iter_fields: a field the node does not carry
                continue
            kind = type(field)
            if kind is list:
                out[name] = [value(item) for item in field]
            elif kind is str or kind is int or field is None:
                out[name] = field
            else:
                out[name] = value(field)
        return out

    def value(self, value: object) -> Any:
        if isinstance(value, ast.AST):
            # Operators and contexts are singletons without fields: just their class name.
            if not value._fields and not hasattr(value, "lineno"):
                return type(value).__name__
            return self.node(value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        return repr(value)


def serialize_module(module: ParsedModule) -> str:
    """One module as its JSON document (see the module docstring for the schema)."""
    document = {
        "v": SCHEMA_VERSION,
        "file": module.source.relpath,
        "module": module.source.module,
        "package": module.source.is_package,
        "ast": _Serializer(module.text).node(module.tree),
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)
