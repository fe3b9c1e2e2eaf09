"""Serialises parsed modules to the JSON document the Java front end translates to CAst.

Schema version 1::

    {"v": 1, "root_package": null | "name",
     "modules": [{"file": "pkg/mod.py", "module": "pkg.mod", "package": false, "ast": NODE}]}

``root_package`` names the project root directory when it is itself a package (it holds an
``__init__.py``), so that ``import name.x`` inside it means the project's module ``x``.

A NODE is a dict: ``"_"`` holds the ``ast`` class name, ``"l"``/``"c"`` the start line and
column and ``"el"``/``"ec"`` the end line and column, where available. Columns are counted in
code points (CPython reports UTF-8 byte offsets). Every other key is an ``ast`` field of the
node: child nodes, lists of them, or plain values (identifiers, operators by class name).
``Constant`` values carry ``"kind"`` (``int float complex str bytes bool None Ellipsis``) and a
JSON-safe ``"value"`` (integers too large for a Java long and non-finite floats as strings).
The whole project crosses the JVM bridge as one such document.
"""

from __future__ import annotations

import ast
import json
import math
from collections.abc import Iterable
from typing import Any

from hybridize.project import ParsedModule

SCHEMA_VERSION = 1
_LONG_MAX = 2**63 - 1


class _ColumnMap:
    """Converts CPython's UTF-8 byte offsets to code-point columns, line by line."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)
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
    def __init__(self, text: str) -> None:
        self._columns = _ColumnMap(text)
        # Per ast class: the fields to serialise. The walk visits every node of the project,
        # so per-node work (ast.iter_fields, repeated checks) dominates serialisation.
        self._fields: dict[type, tuple[str, ...]] = {}

    def node(self, node: ast.AST) -> dict[str, Any]:
        cls = type(node)
        out: dict[str, Any] = {"_": cls.__name__}
        line = getattr(node, "lineno", None)
        if line is not None:
            out["l"] = line
            out["c"] = self._columns.column(line, node.col_offset)  # type: ignore[attr-defined]
            end_line = getattr(node, "end_lineno", None)
            end_col = getattr(node, "end_col_offset", None)
            if end_line is not None and end_col is not None:
                out["el"] = end_line
                out["ec"] = self._columns.column(end_line, end_col)
        if isinstance(node, ast.Constant):
            out["kind"], out["value"] = _constant(node.value)  # type: ignore[attr-defined]
            return out
        fields = self._fields.get(cls)
        if fields is None:
            fields = self._fields[cls] = tuple(f for f in cls._fields if f not in _SKIPPED_FIELDS)
        value = self.value
        for name in fields:
            try:
                out[name] = value(getattr(node, name))
            except AttributeError:  # as ast.iter_fields: a field the node does not carry
                continue
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


def serialize_module(module: ParsedModule) -> dict[str, Any]:
    """One module as a JSON-able dict (see the module docstring for the schema)."""
    return {
        "file": module.source.relpath,
        "module": module.source.module,
        "package": module.source.is_package,
        "ast": _Serializer(module.text).node(module.tree),
    }


def serialize_project(modules: Iterable[ParsedModule], root_package: str | None = None) -> str:
    """The whole project as one JSON string: what crosses the JVM bridge."""
    document = {
        "v": SCHEMA_VERSION,
        "root_package": root_package,
        "modules": [serialize_module(m) for m in modules],
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)
