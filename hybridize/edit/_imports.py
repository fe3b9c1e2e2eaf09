"""How a module spells TensorFlow: which names reach `tf.function`, and where an import goes."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from hybridize.edit._text import LineIndex
from hybridize.parse.functions import TensorFlowNames as _AnalysisNames

# One definition of "decorated with tf.function", shared with the analysis that
# reports functions as hybrid, so that CONVERT_TO_EAGER finds what it reported.
from hybridize.parse.functions import is_tf_function, tensorflow_names

TENSORFLOW = "tensorflow"
#: What we add when a module has no usable TensorFlow import.
DEFAULT_ALIAS = "tf"
_SHEBANG = re.compile(rb"#!")
# PEP 263.
_ENCODING_COOKIE = re.compile(rb"[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")


@dataclass(frozen=True)
class Binding:
    """A module-level name bound by an import, and the line of that import."""

    name: str
    line: int


@dataclass(frozen=True)
class TensorFlowNames:
    """The module-level names through which a module reaches TensorFlow."""

    #: Names bound to the `tensorflow` package itself (`tf`, `tensorflow`).
    packages: tuple[Binding, ...]
    #: Names bound to `tensorflow.function` itself (`from tensorflow import function`).
    functions: tuple[Binding, ...]
    #: Every name some module-level statement binds, TensorFlow or not.
    bound: frozenset[str]
    #: The analysis's own notion of what spells `tf.function` in this module.
    recognised: _AnalysisNames

    @classmethod
    def of(cls, module: ast.Module) -> TensorFlowNames:
        packages: list[Binding] = []
        functions: list[Binding] = []
        for statement in _module_level(module):
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    if alias.asname is None and alias.name.split(".")[0] == TENSORFLOW:
                        # `import tensorflow.keras` binds `tensorflow` too.
                        packages.append(Binding(TENSORFLOW, statement.lineno))
                    elif alias.name == TENSORFLOW and alias.asname:
                        packages.append(Binding(alias.asname, statement.lineno))
            elif isinstance(statement, ast.ImportFrom) and statement.level == 0:
                for alias in statement.names:
                    if statement.module == TENSORFLOW and alias.name == "function":
                        functions.append(Binding(alias.asname or alias.name, statement.lineno))
        return cls(
            tuple(packages),
            tuple(functions),
            frozenset(_bound_names(module)),
            tensorflow_names(module),
        )

    def is_tf_function(self, decorator: ast.expr) -> bool:
        """True when the decorator is `tf.function` in any spelling, called or not."""
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        return is_tf_function(target, self.recognised)

    def decorator_for(self, before_line: int) -> str | None:
        """Source of a `tf.function` decorator for a definition starting at `before_line`."""
        spellings = [(binding, f"{binding.name}.function") for binding in self.packages]
        spellings += [(binding, binding.name) for binding in self.functions]
        usable = [(binding.line, text) for binding, text in spellings if binding.line < before_line]
        # The earliest import wins, so the choice does not depend on dict or set order.
        return min(usable)[1] if usable else None

    def package_for(self, before_line: int) -> str | None:
        """A name bound to the tensorflow package before ``before_line`` (``tf``), if any."""
        usable = [(b.line, b.name) for b in self.packages if b.line < before_line]
        return min(usable)[1] if usable else None

    def can_add_default_import(self) -> bool:
        """Whether `import tensorflow as tf` would rebind nothing but TensorFlow."""
        already_tensorflow = any(binding.name == DEFAULT_ALIAS for binding in self.packages)
        return already_tensorflow or DEFAULT_ALIAS not in self.bound


def import_statement() -> str:
    return f"import {TENSORFLOW} as {DEFAULT_ALIAS}"


def import_position(module: ast.Module, source: bytes, lines: LineIndex) -> tuple[int, int]:
    """(byte offset, index in `module.body`) where a new top-level import belongs.

    After the module docstring and `from __future__` imports, and never before a
    shebang or an encoding cookie, which must stay on the first two lines.
    """
    body_index = 0
    after_line = 0
    for statement in module.body:
        is_docstring = (
            body_index == 0
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        )
        is_future = isinstance(statement, ast.ImportFrom) and statement.module == "__future__"
        if not (is_docstring or is_future):
            break
        body_index += 1
        after_line = statement.end_lineno or statement.lineno
    if _SHEBANG.match(_line(source, lines, 1)) or _ENCODING_COOKIE.match(_line(source, lines, 1)):
        after_line = max(after_line, 1)
    if _ENCODING_COOKIE.match(_line(source, lines, 2)):
        after_line = max(after_line, 2)
    offset = lines.starts[after_line] if after_line < len(lines.starts) else len(source)
    return offset, body_index


def _line(source: bytes, lines: LineIndex, number: int) -> bytes:
    """The 1-based line `number` with its line break, or b"" past the end."""
    if number > len(lines.starts):
        return b""
    end = lines.starts[number] if number < len(lines.starts) else len(source)
    return source[lines.starts[number - 1] : end]


def _module_level(module: ast.Module) -> Iterator[ast.stmt]:
    """Statements that run at import time, including those under top-level `if`/`try`."""
    pending = list(module.body)
    while pending:
        statement = pending.pop(0)
        yield statement
        if isinstance(statement, (ast.If, ast.Try, ast.With)):
            for field in ("body", "orelse", "finalbody"):
                pending.extend(getattr(statement, field, []))
            for handler in getattr(statement, "handlers", []):
                pending.extend(handler.body)


def _bound_names(module: ast.Module) -> Iterator[str]:
    for statement in _module_level(module):
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            for alias in statement.names:
                yield (alias.asname or alias.name).split(".")[0]
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield statement.name
        elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                yield from (node.id for node in ast.walk(target) if isinstance(node, ast.Name))
