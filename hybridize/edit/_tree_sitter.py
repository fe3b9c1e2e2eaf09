"""The only module that touches the tree-sitter API (it changes between releases).

All offsets are UTF-8 byte offsets into the file's bytes. Lines are counted with
`LineIndex`, not with tree-sitter's rows, which ignore a lone CR (tree-sitter #4467).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import tree_sitter
import tree_sitter_python

from hybridize.edit._text import LineIndex

_PYTHON = tree_sitter.Language(tree_sitter_python.language())
_LONE_CR = re.compile(rb"\r(?!\n)")


@dataclass(frozen=True)
class ParsedSource:
    source: bytes
    root: tree_sitter.Node
    lines: LineIndex

    @cached_property
    def definitions_by_def_line(self) -> dict[int, Definition]:
        """Every function, keyed by the 1-based line of its `def` keyword."""
        found: dict[int, Definition] = {}
        for node in _walk(self.root):
            if node.type != "function_definition":
                continue
            keyword = next((child for child in node.children if child.type == "def"), None)
            if keyword is not None:
                found[self.lines.line_of(keyword.start_byte)] = Definition(node, _decorators_of(node))
        return found


@dataclass(frozen=True)
class Definition:
    """A `def` (sync or async) and the decorators written on it."""

    function: tree_sitter.Node
    #: Decorator nodes, outermost first.
    decorators: tuple[tree_sitter.Node, ...]

    @property
    def name(self) -> bytes:
        name = self.function.child_by_field_name("name")
        return name.text or b"" if name is not None else b""

    @property
    def start_byte(self) -> int:
        """Where the definition starts: its first decorator, else `async`/`def`."""
        return self.decorators[0].start_byte if self.decorators else self.function.start_byte

    @property
    def has_error(self) -> bool:
        return any(node.has_error for node in (self.function, *self.decorators))


def parse(source: bytes) -> ParsedSource:
    # tree-sitter-python does not treat a lone CR as a line break; swap it for LF,
    # which has the same length, so every offset still points into `source`.
    parser = tree_sitter.Parser(_PYTHON)
    tree = parser.parse(_LONE_CR.sub(b"\n", source))
    return ParsedSource(source, tree.root_node, LineIndex.of(source))


def find_definition(parsed: ParsedSource, def_line: int) -> Definition | None:
    """The function whose `def` keyword is on the 1-based line `def_line`."""
    return parsed.definitions_by_def_line.get(def_line)


def problem_count(node: tree_sitter.Node) -> int:
    """How many ERROR and MISSING nodes the subtree holds."""
    if not node.has_error:
        return 0
    return sum(1 for child in _walk(node) if child.is_error or child.is_missing)


def decorator_expression(decorator: tree_sitter.Node) -> tree_sitter.Node | None:
    """The expression after `@` (a trailing comment may be part of the node)."""
    return next((child for child in decorator.named_children if child.type != "comment"), None)


def _decorators_of(function: tree_sitter.Node) -> tuple[tree_sitter.Node, ...]:
    parent = function.parent
    if parent is None or parent.type != "decorated_definition":
        return ()
    return tuple(child for child in parent.children if child.type == "decorator")


def _walk(node: tree_sitter.Node) -> Iterator[tree_sitter.Node]:
    cursor = node.walk()
    while True:
        current = cursor.node
        assert current is not None
        yield current
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent() or cursor.node == node:
                return
