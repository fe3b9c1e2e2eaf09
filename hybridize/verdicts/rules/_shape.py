"""What the ``def`` statement itself says: whether its own body yields, and its decorators
as WALA's call graph resolved them (the front end translates ``@d def f`` as ``d(f)``, a
call positioned at the decorator expression), quoted by that call's range."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from hybridize.parse.functions import FunctionDef
from hybridize.report import Span
from hybridize.verdicts.rules.context import RuleContext

#: Decorators measured on TensorFlow 2.21 to work with ``@tf.function`` directly below them
#: (and to keep working when it is removed): the tests run every one of them both ways.
UNDERSTOOD = frozenset({
    "builtins.staticmethod", "builtins.classmethod", "builtins.property",
    "abc.abstractmethod", "functools.lru_cache", "functools.cache", "functools.wraps",
    "tensorflow.function",
})

_NEW_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def own_yield(node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.Yield | ast.YieldFrom | None:
    """The first ``yield`` of the function's own body (nested scopes yield for themselves)."""
    pending: list[ast.AST] = [*node.body]
    while pending:
        current = pending.pop(0)
        if isinstance(current, (ast.Yield, ast.YieldFrom)):
            return current
        if not isinstance(current, _NEW_SCOPES):
            pending.extend(ast.iter_child_nodes(current))
    return None


@dataclass(frozen=True)
class Decorator:
    """One decorator as written, and what WALA says it calls."""

    line: int
    #: Its source text after the ``@``, quoted by the range of its application (the whole
    #: line when the call graph has none); None when the source cannot be quoted.
    text: str | None
    #: Callees of the calls on its line; a decorator factory's application (``X.__call__``)
    #: counts as ``X``. Empty when the call graph could not resolve it.
    callees: tuple[str, ...]
    #: Its position in the decorator list, outermost first.
    index: int
    #: The decorator expression, from WALA's call edge applying it; None when unresolved.
    span: Span | None = None

    @property
    def understood(self) -> bool:
        return bool(self.callees) and all(c in UNDERSTOOD for c in self.callees)

    def describe(self) -> str:
        written = f"`@{self.text}`" if self.text else f"the decorator on line {self.line}"
        if not self.callees:
            return f"{written}, which the call graph does not resolve"
        unknown = ", ".join(f"`{c}`" for c in self.callees if c not in UNDERSTOOD)
        return f"{written} (calls {unknown})"


def decorators(context: RuleContext, function: FunctionDef) -> Iterator[Decorator]:
    """The function's decorators, outermost first, except its ``tf.function`` itself."""
    hybrid_line = function.hybrid.line if function.hybrid else None
    for index, node in enumerate(function.node.decorator_list):
        if node.lineno == hybrid_line:
            continue
        edges = context.calls_at(function.file, node.lineno)
        callees = dict.fromkeys(edge.callee.removesuffix(".__call__") for edge in edges)
        # The outermost application: a factory's call and the application share the line.
        span = max((e.span for e in edges if e.span), default=None,
                   key=lambda s: (s.end_line, s.end_column, -s.column))
        code = context.quoter.quote(function.file, node.lineno, span) if context.quoter else None
        text = code.removeprefix("@") if code else None
        yield Decorator(node.lineno, text, tuple(callees), index, span)


def hybrid_index(function: FunctionDef) -> int | None:
    """Where ``@tf.function`` sits in the decorator list (0 is outermost)."""
    if function.hybrid is None:
        return None
    return next((i for i, node in enumerate(function.node.decorator_list)
                 if node.lineno == function.hybrid.line), None)
