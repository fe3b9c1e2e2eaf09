"""The kind of a wrapper's result from the API it returns the result of.

Many public functions (Keras' legacy backend, ``tf.math.add``) have no ``Returns:`` section,
but every ``return`` in their source returns a call of another TensorFlow callable
(``return tf.abs(x)``): their result is that callable's, resolved through the function's own
globals.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable as Fn
from typing import Any


def returned_callees(function: Any) -> list[Any] | None:
    """The objects whose calls ``function`` returns, one per ``return``; None when some
    ``return`` is not a call of a name resolvable in its globals (or there is no source);
    ``[None]`` when it returns no value at all."""
    try:
        source = textwrap.dedent(inspect.getsource(function))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    definition = tree.body[0] if tree.body else None
    if not isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    nodes = _own_nodes(definition)
    returns = [n for n in nodes if isinstance(n, ast.Return) and n.value is not None]
    if not returns:
        # No value returned (and not a generator): the function returns None.
        generator = any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in nodes)
        return None if generator or _raises_only(definition) else [None]
    scope = dict(getattr(function, "__globals__", {}))
    if inspect.ismethod(function) and inspect.isclass(function.__self__) and definition.args.args:
        # A class method's first parameter is its class (``return cls(**config)``).
        scope[definition.args.args[0].arg] = function.__self__
    assigned = _assigned_calls(nodes)
    callees = []
    for node in returns:
        calls = assigned.get(node.value.id) if isinstance(node.value, ast.Name) else [node.value]
        for call in calls or [None]:
            callee = _resolve(call.func, scope) if isinstance(call, ast.Call) else None
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Call):
                # ``Cond()(pred, ...)`` calls the instance the class makes (its class'
                # ``__call__``, never the metaclass' constructor), not the class.
                callee = _instance_call(callee)
            if callee is None:
                return None
            callees.append(callee)
    return callees


def _assigned_calls(nodes: list[ast.AST]) -> dict[str, list[ast.expr]]:
    """Local name -> every value assigned to it (``x = tf.nn.relu(x)``); a name also bound
    otherwise (augmented assignment, loop, ``with``, unpacking) maps to a non-call."""
    out: dict[str, list[ast.expr]] = {}
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.setdefault(node.id, [])
    for node in nodes:
        if isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.With, ast.NamedExpr)):
            for name in ast.walk(node.target if hasattr(node, "target") else node):
                if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store):
                    out.setdefault(name.id, []).append(ast.Constant(None))
    return out


def delegated_kind(function: Any, kind_of: Fn[[Any], str | None],
                   symbolic: frozenset[int] = frozenset()) -> str | None:
    """The kind every returned call agrees on, by ``kind_of`` of each callee; else None.
    Calls of ``symbolic`` callees (ids; Keras' ``Operation.symbolic_call``, the functional-API
    path) are left out when the function returns other calls too: on values they do not run."""
    callees = returned_callees(function)
    if not callees:
        return None
    concrete = [c for c in callees if id(c) not in symbolic]
    callees = concrete or callees
    kinds = {"other" if c is None else kind_of(c) for c in callees}
    return kinds.pop() if len(kinds) == 1 else None


def _instance_call(cls: Any) -> Any:
    if not inspect.isclass(cls):
        return None
    return next((vars(k)["__call__"] for k in cls.__mro__ if "__call__" in vars(k)), None)


def _raises_only(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """An abstract or unimplemented body: ``raise NotImplementedError`` (or a docstring only)."""
    body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    return all(isinstance(s, (ast.Raise, ast.Pass)) for s in body)


def _own_nodes(function: ast.AST) -> list[ast.AST]:
    """The nodes of ``function``'s body, not of the functions and classes nested in it."""
    out: list[ast.AST] = []
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        out.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))
    return out


def _resolve(expr: ast.expr, scope: dict[str, Any]) -> Any:
    """The object a callee expression names: ``tf.abs``, or ``Absolute().symbolic_call``
    (a method read from an instance a class makes: the class' function)."""
    if isinstance(expr, ast.Name):
        return scope.get(expr.id)
    if isinstance(expr, ast.Attribute):
        base = _resolve(expr.value, scope)
        return getattr(base, expr.attr, None) if base is not None else None
    if isinstance(expr, ast.Call):
        made_by = _resolve(expr.func, scope)
        return made_by if inspect.isclass(made_by) else None
    return None
