"""Call sites: which project functions a call expression reaches, and argument binding.

The call graph comes from the front end as edges ``caller -> callee at file:line``. An
edge is matched to the call expression at that line whose callee name fits (``f(...)``
-> ``f``, ``C(...)`` -> ``C.__init__``, ``obj(...)`` -> ``__call__``/Keras ``call``).
Binding maps each argument expression to the parameter it lands in.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from hybridize.analysis.facts import CallEdge
from hybridize.analysis.program import FromExpr, ProgramIndex, Scope, parameters
from hybridize.functions import FunctionDef

#: Callee names a call of an object (``obj(...)``) dispatches to.
_CALL_DISPATCH = frozenset({"__init__", "__call__", "call"})


@dataclass(frozen=True)
class NewInstance:
    """The object a constructor call allocates, bound to ``self`` of ``__init__``."""

    class_name: str


@dataclass(frozen=True)
class ResolvedCall:
    scope: Scope
    call: ast.Call
    callee: FunctionDef
    #: parameter name -> the argument expressions (or the new instance) that reach it.
    bindings: dict[str, list[ast.expr | NewInstance]]


def terminal_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _matches_exactly(call: ast.Call, callee: FunctionDef) -> bool:
    name = terminal_name(call.func)
    # `C(...)` reaches `C.__init__`.
    return name == callee.name or (callee.name == "__init__" and name == callee.enclosing_class)


def _matches_dispatch(call: ast.Call, callee: FunctionDef) -> bool:
    """``obj(...)`` reaches ``__call__`` or Keras' ``call``; ``cls(...)`` reaches ``__init__``."""
    return callee.name in _CALL_DISPATCH


def _is_static(fn: FunctionDef) -> bool:
    return any(ast.unparse(d) == "staticmethod" for d in fn.node.decorator_list)


def _receiver(call: ast.Call, callee: FunctionDef) -> ast.expr | NewInstance | None:
    """What ``self`` is bound to, or None when the call passes it explicitly."""
    if callee.enclosing_class is None or _is_static(callee):
        return None
    class_name = callee.qualified_name.rpartition(".")[0]
    terminal = terminal_name(call.func)
    if callee.name == "__init__" and terminal != "__init__":
        return NewInstance(class_name)
    if isinstance(call.func, ast.Attribute):
        base = call.func.value
        # `Base.method(self, ...)` passes self explicitly; super().method(...) binds it.
        if isinstance(base, ast.Name) and base.id == callee.enclosing_class:
            return None
        if callee.name == terminal:
            return base
    return call.func  # `obj(...)` -> obj.__call__ / obj.call


def bind_arguments(call: ast.Call, callee: FunctionDef) -> dict[str, list[ast.expr | NewInstance]]:
    """Which argument expressions reach which parameter of ``callee``."""
    node = callee.node
    positional = [a.arg for a in [*node.args.posonlyargs, *node.args.args]]
    names = [a.arg for a in parameters(node)]
    bound: dict[str, list[ast.expr | NewInstance]] = defaultdict(list)
    receiver = _receiver(call, callee)
    if receiver is not None and positional:
        bound[positional[0]].append(receiver)
        positional = positional[1:]
    elif receiver is None and callee.enclosing_class and not _is_static(callee) and positional \
            and any(ast.unparse(d) == "classmethod" for d in node.decorator_list):
        positional = positional[1:]
    vararg = node.args.vararg.arg if node.args.vararg else None
    kwarg = node.args.kwarg.arg if node.args.kwarg else None
    index = 0
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            # Unknown length: the elements may reach any remaining positional parameter.
            for name in [*positional[index:], *([vararg] if vararg else [])]:
                bound[name].append(arg)
            continue
        if index < len(positional):
            bound[positional[index]].append(arg)
            index += 1
        elif vararg:
            bound[vararg].append(arg)
    for keyword in call.keywords:
        if keyword.arg is None:  # **kwargs: may reach any parameter not given positionally
            for name in names:
                if name not in bound or name == kwarg:
                    bound[name].append(keyword.value)
        elif keyword.arg in names and keyword.arg not in (vararg, kwarg):
            bound[keyword.arg].append(keyword.value)
        elif kwarg:
            bound[kwarg].append(keyword.value)
    return dict(bound)


def _is_dynamic(scope: Scope, call: ast.Call) -> bool:
    """A call of a parameter or local variable, or of an expression's result."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in scope.params or func.id in scope.bindings and not any(
            isinstance(s, FromExpr) and isinstance(s.expr, ast.Constant) and s.expr.value is None
            for s in scope.bindings[func.id])  # defs are bound as None placeholders
    return isinstance(func, (ast.Call, ast.Subscript))


class CallResolver:
    """Matches the front end's call edges to call expressions of the syntax index."""

    def __init__(self, program: ProgramIndex, edges: Iterable[CallEdge]) -> None:
        self.program = program
        self._edges: dict[tuple[str, int], list[CallEdge]] = defaultdict(list)
        self.edges_from: dict[str, list[CallEdge]] = defaultdict(list)
        for edge in edges:
            if edge.callee in program.functions:
                self._edges[(edge.caller, edge.line)].append(edge)
                self.edges_from[edge.caller].append(edge)
        self._resolved: dict[str, list[ResolvedCall]] = {}
        self.unmatched: dict[str, list[CallEdge]] = {}
        for scope in program.scopes.values():
            self._resolve_scope(scope)

    def _resolve_scope(self, scope: Scope) -> None:
        resolved: list[ResolvedCall] = []
        matched: set[CallEdge] = set()

        def resolve(call: ast.Call, edges: list[CallEdge]) -> None:
            for edge in edges:
                callee = self.program.functions[edge.callee]
                resolved.append(ResolvedCall(scope, call, callee, bind_arguments(call, callee)))
                matched.add(edge)

        by_line: dict[int, list[ast.Call]] = defaultdict(list)
        for call in scope.calls:
            edges = self._edges.get((scope.qualified_name, call.lineno), [])
            by_line[call.lineno].append(call)
            exact = [e for e in edges if _matches_exactly(call, self.program.functions[e.callee])]
            resolve(call, exact or [
                e for e in edges if e not in matched
                and _matches_dispatch(call, self.program.functions[e.callee])])
        # Calls through a variable (`fn(x)` with fn a parameter): the name says nothing, so an
        # edge left over on the line goes to the one such call there.
        for line, calls in by_line.items():
            left = [e for e in self._edges.get((scope.qualified_name, line), [])
                    if e not in matched]
            dynamic = [c for c in calls if _is_dynamic(scope, c)]
            if left and len(dynamic) == 1:
                resolve(dynamic[0], left)
        self._resolved[scope.qualified_name] = resolved
        # Edges no call expression explains (implicit calls, calls on another line).
        self.unmatched[scope.qualified_name] = [
            e for e in self.edges_from.get(scope.qualified_name, []) if e not in matched]

    def add_dispatch(self, scope: Scope, call: ast.Call, callee: FunctionDef) -> bool:
        """A call the framework dispatches (``layer(x)`` -> the layer class' ``call``), found
        from the values the call's target may have. True when it is new."""
        calls = self._resolved.setdefault(scope.qualified_name, [])
        if any(r.call is call and r.callee is callee for r in calls):
            return False
        calls.append(ResolvedCall(scope, call, callee, bind_arguments(call, callee)))
        return True

    def calls_in(self, scope: Scope) -> list[ResolvedCall]:
        return self._resolved.get(scope.qualified_name, [])

    def callees(self, scope: Scope, call: ast.Call) -> list[FunctionDef]:
        return [r.callee for r in self.calls_in(scope) if r.call is call]

    def all_calls(self) -> Iterable[ResolvedCall]:
        for calls in self._resolved.values():
            yield from calls


def unreached_scope_edges(program: ProgramIndex, edges: list[CallEdge]) -> list[CallEdge]:
    """Edges for code the call graph never reached: functions only the framework calls.

    The pointer analysis starts from module top levels, so the body of a Keras ``call`` that
    only the framework invokes is never analysed and has no outgoing edges. For such bodies
    (and only those) calls are resolved by Python's scoping rules where that is unambiguous:
    a name bound to exactly one project ``def`` or class, ``self.method`` of the defining
    class or its project bases, and ``module.function`` through imports.
    """
    reached = {e.callee for e in edges} | set(program.modules)
    added: list[CallEdge] = []
    for qualified, scope in program.scopes.items():
        if scope.function is None or qualified in reached:
            continue
        for call in scope.calls:
            callee = _resolve_statically(program, scope, call.func)
            if callee is not None:
                added.append(CallEdge(qualified, callee, scope.file, call.lineno))
    return added


def _resolve_statically(program: ProgramIndex, scope: Scope, func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        current: Scope | None = scope
        while current is not None:
            if func.id in current.params or (
                    func.id in current.bindings and len(current.bindings[func.id]) > 1):
                return None  # a parameter or a rebound name: not a static reference
            candidate = f"{current.qualified_name}.{func.id}"
            if candidate in program.functions:
                return candidate
            if candidate in program.classes:
                return _constructor(program, candidate)
            if func.id in current.bindings:
                return None
            current = current.parent
        dotted = program.resolve_dotted(scope.module.source.module, func)
        return _project_callable(program, dotted)
    if isinstance(func, ast.Attribute):
        base = func.value
        if isinstance(base, ast.Name) and base.id == scope.receiver and scope.class_info:
            return _method(program, scope.class_info.qualified_name, func.attr, set())
        return _project_callable(program, program.resolve_dotted(scope.module.source.module,
                                                                 func))
    return None


def _project_callable(program: ProgramIndex, dotted: str | None) -> str | None:
    if dotted is None:
        return None
    if dotted in program.functions:
        return dotted
    return _constructor(program, dotted) if dotted in program.classes else None


def _constructor(program: ProgramIndex, class_name: str) -> str | None:
    return _method(program, class_name, "__init__", set())


def find_method(program: ProgramIndex, class_name: str, name: str) -> str | None:
    """The method ``name`` of a project class or of its project base classes."""
    return _method(program, class_name, name, set())


def _method(program: ProgramIndex, class_name: str, name: str, seen: set[str]) -> str | None:
    info = program.classes.get(class_name)
    if info is None or class_name in seen:
        return None
    seen.add(class_name)
    if name in info.methods:
        return info.methods[name].qualified_name
    for base in info.bases:
        found = _method(program, base, name, seen)
        if found:
            return found
    return None
