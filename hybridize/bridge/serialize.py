"""Serialises parsed modules to the JSON documents the Java front end translates to CAst.

Schema version 3, one compact document per module::

    {"v": 3, "file": "pkg/mod.py", "module": "pkg.mod", "package": false,
     "classes": [LAYOUT, ...], "ast": NODE}

A NODE is an array ``[class, ...]``: ``class`` indexes ``classes``, whose LAYOUT
``[name, positioned, field, ...]`` gives the ``ast`` class name, whether the node has a
position, and the names of the values that follow. A positioned node continues with its start
line and column and its end line and column (null where CPython has none); columns are counted
in code points (CPython reports UTF-8 byte offsets). Then one value per field: a NODE, a list
of values, null, or a plain value (identifiers; operators and contexts by class name).
``Constant`` has the fields ``kind`` (``int float complex str bytes bool None Ellipsis``) and a
JSON-safe ``value`` (integers too large for a Java long and non-finite floats as strings).
A list never starts with a number, so an array is a NODE exactly when its first item is one.

Field names appear once per module instead of once per node: the document is a third of the
size of a dict per node, and Python, the slower side of the bridge, builds it a third faster.
Each module crosses the JVM bridge once, as one such document (``ModuleUpload`` in Java).
"""

from __future__ import annotations

import ast
import json
import math
import sys
from typing import Any

from hybridize.parse.project import ParsedModule, source_lines

SCHEMA_VERSION = 3
_LONG_MAX = 2**63 - 1


class _ColumnMap:
    """Converts CPython's UTF-8 byte offsets to code-point columns, line by line."""

    def __init__(self, text: str) -> None:
        self._lines = source_lines(text)
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
    """The walk visits every node of the project, so it is written for speed: per-class layouts
    computed once, type dispatch without isinstance chains, and no column conversion at all for
    an ASCII file (byte offsets are then code-point columns)."""

    def __init__(self, text: str) -> None:
        self._column = None if text.isascii() else _ColumnMap(text).column
        #: Per ast class: its index in ``layouts``, its fields, whether it has a position.
        self._classes: dict[type, tuple[int, tuple[str, ...], bool]] = {}
        self.layouts: list[list[Any]] = []

    def _layout(self, cls: type[ast.AST]) -> tuple[int, tuple[str, ...], bool]:
        layout = self._classes.get(cls)
        if layout is None:
            fields = tuple(f for f in cls._fields if f not in _SKIPPED_FIELDS)
            positioned = "lineno" in cls._attributes
            names = ("kind", "value") if cls is ast.Constant else fields
            layout = self._classes[cls] = (len(self.layouts), fields, positioned)
            self.layouts.append([cls.__name__, positioned, *names])
        return layout

    def node(self, node: ast.AST) -> list[Any]:
        cls = type(node)
        index, fields, positioned = self._layout(cls)
        if positioned:
            line, col = node.lineno, node.col_offset  # type: ignore[attr-defined]
            end_line, end_col = node.end_lineno, node.end_col_offset  # type: ignore[attr-defined]
            column = self._column
            if column is not None:
                col = column(line, col)
                if end_line is not None and end_col is not None:
                    end_col = column(end_line, end_col)
            out = [index, line, col, end_line, end_col]
        else:
            out = [index]
        if cls is ast.Constant:
            out.extend(_constant(node.value))  # type: ignore[attr-defined]
            return out
        value = self.value
        for name in fields:
            field = getattr(node, name, None)  # as ast.iter_fields: a field may be missing
            kind = type(field)
            if kind is list:
                out.append([value(item) for item in field])  # type: ignore[union-attr]
            elif kind is str or kind is int or field is None:
                out.append(field)
            else:
                out.append(value(field))
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


#: Frames the walk may use: two per level of nesting, and ``ast.parse`` accepts expressions
#: (long ``a + b + ...`` chains) nested well past the default limit of 1000.
_RECURSION_LIMIT = 20_000


def serialize_module(module: ParsedModule) -> str:
    """One module as its JSON document (see the module docstring for the schema).

    Raises RecursionError for a tree nested too deeply even for the raised limit.
    """
    serializer = _Serializer(module.text)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _RECURSION_LIMIT))
    try:
        tree = serializer.node(module.tree)
        document = {
            "v": SCHEMA_VERSION,
            "file": module.source.relpath,
            "module": module.source.module,
            "package": module.source.is_package,
            # Before the tree: Java reads the document as a stream and needs them first.
            "classes": serializer.layouts,
            "ast": tree,
        }
        # The encoder recurses as deeply as the walk did.
        return json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    finally:
        sys.setrecursionlimit(limit)
