"""Checks that an edit did exactly what was planned (the analogue of black's --safe)."""

from __future__ import annotations

import ast

from hybridize.edit import _tree_sitter


def syntax_tree_mismatch(expected: ast.Module, updated: bytes) -> str | None:
    """Why the edited bytes do not parse to `expected`, or None when they do.

    Positions are ignored: inserting a line moves everything after it.
    """
    try:
        actual = ast.parse(updated)
    except (SyntaxError, ValueError) as error:
        return f"the edited file does not parse: {error}"
    if ast.dump(actual) != ast.dump(expected):
        return "the edited file's syntax tree differs from the planned one"
    return None


def new_parse_problems(original: _tree_sitter.ParsedSource, updated: bytes) -> str | None:
    """Why tree-sitter likes the edited bytes less than the original, or None."""
    before = _tree_sitter.problem_count(original.root)
    after = _tree_sitter.problem_count(_tree_sitter.parse(updated).root)
    if after > before:
        return f"the edited file has {after - before} new tree-sitter ERROR/MISSING node(s)"
    return None
