"""Python side effects of each function, made transitive over the call graph.

Approximation (a syntactic mod-ref, in place of WALA's ModRef until the front end exposes it):

Local step, per function, from its own statements (not those of nested functions):
  * assignments, augmented assignments and deletes of names declared ``global`` or
    ``nonlocal``;
  * stores and deletes of attributes or subscripts, and calls of mutating methods
    (``append``, ``update``, ``__setitem__`` ... see the API model), whose base object is a
    parameter (``self`` included), a global or closure variable, or a local not provably
    allocated by the function itself (a local counts as allocated only when every binding
    of it is a literal, a comprehension, a copy, a constructor or a library call);
  * Python I/O and Python state: ``print``, ``open``, ``input``, ``logging``, ``random``...
TensorFlow state changes are not Python side effects: ``tf.print``, ``Variable.assign*``,
optimizer updates and mutating-looking methods called on tensors, datasets or Keras/TF
objects (by the tensor analysis' values) are skipped, as the API model lists.

Transitive step, over resolved call sites to a fixed point: a callee's effects on its
parameters become effects of the caller on the arguments it passed, and disappear when the
argument is an object the caller allocated (so a constructor writing ``self`` does not
make its caller effectful); effects on globals and I/O propagate unchanged. Call edges no
call expression explains propagate every effect of the callee.

Known imprecision: flow-insensitive and alias-unaware (a local aliasing a parameter counts
as "not allocated here", which errs towards reporting an effect); effects of callbacks the
framework invokes (``Dataset.map(fn)``) are not attributed to the caller.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from hybridize.analysis.calls import CallResolver, NewInstance, ResolvedCall
from hybridize.analysis.models import TENSORFLOW_KINDS, ApiModel, Kind
from hybridize.analysis.program import FromExpr, ProgramIndex, Scope, own_nodes
from hybridize.analysis.values import Evaluator
from hybridize.report import Evidence

_FRESH_BUILTINS = frozenset({"list", "dict", "set", "tuple", "frozenset", "sorted", "bytearray",
                             "reversed", "enumerate", "zip", "range", "map", "filter", "str",
                             "int", "float", "bool", "len", "object", "iter"})
_FRESH_EXPRS = (ast.List, ast.Dict, ast.Set, ast.Tuple, ast.ListComp, ast.DictComp, ast.SetComp,
                ast.GeneratorExp, ast.Constant, ast.JoinedStr, ast.BinOp, ast.Compare,
                ast.BoolOp, ast.UnaryOp)
#: Longest chain of "calls X" evidence kept for a transitive effect.
MAX_CHAIN = 6


@dataclass(frozen=True)
class Target:
    """What an effect writes: a parameter of the function, a global, an outer object, I/O."""

    kind: str  # "parameter" | "global" | "closure" | "outer" | "io"
    name: str
    #: For "closure": the enclosing function whose variable it is.
    owner: str | None = None


@dataclass(frozen=True)
class Effect:
    target: Target
    #: The statement that has the effect, then (outermost first) the calls leading to it.
    chain: tuple[Evidence, ...]

    @property
    def key(self) -> tuple[Target, Evidence]:
        return self.target, self.chain[-1]


def _is_super(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and \
        expr.func.id == "super"


def _root(expr: ast.expr) -> ast.expr:
    while isinstance(expr, (ast.Attribute, ast.Subscript)):
        expr = expr.value
    return expr


class SideEffectAnalysis:
    def __init__(self, program: ProgramIndex, model: ApiModel, resolver: CallResolver,
                 evaluator: Evaluator) -> None:
        self.program = program
        self.model = model
        self.resolver = resolver
        self.evaluator = evaluator
        self.effects: dict[str, dict[tuple[Target, Evidence], Effect]] = {}
        for qualified, scope in program.scopes.items():
            if scope.function is not None:
                self.effects[qualified] = {e.key: e for e in self._local(scope)}
        self._propagate()

    def of(self, qualified_name: str) -> list[Effect]:
        effects = self.effects.get(qualified_name, {})
        return sorted(effects.values(), key=lambda e: (len(e.chain), e.chain[-1].line,
                                                      e.chain[-1].what))

    # --- local step ------------------------------------------------------------------------

    def _evidence(self, scope: Scope, node: ast.AST, what: str) -> Evidence:
        return Evidence(scope.file, getattr(node, "lineno", scope.function.line
                                            if scope.function else 0), what)

    def classify(self, scope: Scope, base: ast.expr) -> Target | None:
        """Who owns the object ``base`` denotes; None when the function allocated it."""
        root = _root(base)
        if _is_super(root) and scope.receiver:
            return Target("parameter", scope.receiver)  # super() is self, seen as the base
        if not isinstance(root, ast.Name):
            if isinstance(root, _FRESH_EXPRS) or (isinstance(root, ast.Call) and
                                                  self._is_fresh_call(scope, root)):
                return None
            return Target("outer", ast.unparse(base))
        name = root.id
        if name in scope.global_names:
            return Target("global", name)
        if name in scope.nonlocal_names:
            return self._closure(scope, name)
        if name in scope.params:
            return Target("parameter", name)
        if name in scope.bindings:
            if self._is_fresh(scope, name):
                return None
            return Target("outer", ast.unparse(base))
        return self._closure(scope, name)

    def _closure(self, scope: Scope, name: str) -> Target:
        """A variable of an enclosing function, or else a global."""
        outer = scope.parent
        while outer is not None and outer.function is not None:
            if outer.is_local(name):
                return Target("closure", name, outer.qualified_name)
            outer = outer.parent
        return Target("global", name)

    def _is_fresh(self, scope: Scope, name: str) -> bool:
        sources = scope.bindings.get(name, [])
        return bool(sources) and all(
            isinstance(s, FromExpr) and (isinstance(s.expr, _FRESH_EXPRS) or (
                isinstance(s.expr, ast.Call) and self._is_fresh_call(scope, s.expr)))
            for s in sources)

    def _is_fresh_call(self, scope: Scope, call: ast.Call) -> bool:
        callees = self.resolver.callees(scope, call)
        if callees:
            return all(c.name == "__init__" for c in callees)
        if isinstance(call.func, ast.Attribute) and call.func.attr == "copy":
            return True
        dotted = self.program.resolve_dotted(scope.module.source.module, call.func)
        if dotted is not None:
            # Constructors and library calls allocate; a project function may return anything.
            return dotted in self.program.classes or not self._is_project(dotted)
        return isinstance(call.func, ast.Name) and call.func.id in _FRESH_BUILTINS and \
            not self.evaluator.name(scope, call.func.id)

    def _is_project(self, dotted: str) -> bool:
        return dotted in self.program.functions or dotted.rpartition(".")[0] in \
            self.program.modules

    def _local(self, scope: Scope) -> Iterable[Effect]:
        for node in own_nodes(scope.body):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
                targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) \
                    else [node.target]
                verb = "deletes" if isinstance(node, ast.Delete) else "writes"
                for target in targets:
                    yield from self._store(scope, node, target, verb)
            elif isinstance(node, ast.Call):
                yield from self._call(scope, node)

    def _store(self, scope: Scope, node: ast.stmt, target: ast.expr, verb: str
               ) -> Iterable[Effect]:
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                yield from self._store(scope, node, element, verb)
        elif isinstance(target, ast.Starred):
            yield from self._store(scope, node, target.value, verb)
        elif isinstance(target, ast.Name):
            if target.id in scope.global_names:
                yield Effect(Target("global", target.id),
                             (self._evidence(scope, node, f"{verb} global `{target.id}`"),))
            elif target.id in scope.nonlocal_names:
                yield Effect(self._closure(scope, target.id),
                             (self._evidence(scope, node, f"{verb} nonlocal `{target.id}`"),))
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            owner = self.classify(scope, target.value)
            if owner is not None:
                yield Effect(owner, (self._evidence(
                    scope, node, f"{verb} `{ast.unparse(target)}` ({_owner_text(owner)})"),))

    def _call(self, scope: Scope, call: ast.Call) -> Iterable[Effect]:
        if self.resolver.callees(scope, call):
            return  # project callees: the transitive step accounts for them
        module = scope.module.source.module
        dotted = self.program.resolve_dotted(module, call.func)
        if dotted is not None:
            api = self.model.canonical(dotted)
            if not self.model.is_state_change(api) and self.model.is_python_effect(api):
                yield Effect(Target("io", api), (self._evidence(
                    scope, call, f"calls `{dotted}` (Python I/O or state)"),))
            return
        if isinstance(call.func, ast.Name):
            name = call.func.id
            if not self.evaluator.name(scope, name) and self.model.is_python_effect(name):
                yield Effect(Target("io", name), (self._evidence(
                    scope, call, f"calls `{name}` (Python I/O)"),))
            return
        if isinstance(call.func, ast.Attribute):
            method = call.func.attr
            if method not in self.model.mutating_methods or method in self.model.state_methods:
                return
            receiver = self.evaluator.eval(scope, call.func.value)
            if receiver and all(o.kind in TENSORFLOW_KINDS and not (
                    o.kind is Kind.KERAS_OBJECT and o.class_name) for o in receiver):
                return  # a TensorFlow object's own state
            owner = self.classify(scope, call.func.value)
            if owner is not None:
                yield Effect(owner, (self._evidence(
                    scope, call, f"calls `{_short(call)}` ({_owner_text(owner)})"),))

    # --- transitive step -------------------------------------------------------------------

    def _propagate(self) -> None:
        changed = True
        while changed:
            changed = False
            for qualified, scope in self.program.scopes.items():
                if scope.function is None:
                    continue
                current = self.effects[qualified]
                for effect in self._inherited(scope):
                    if effect.key not in current:
                        current[effect.key] = effect
                        changed = True

    def _inherited(self, scope: Scope) -> Iterable[Effect]:
        for resolved in self.resolver.calls_in(scope):
            for effect in list(self.effects.get(resolved.callee.qualified_name, {}).values()):
                yield from self._through_call(scope, resolved, effect)
        for edge in self.resolver.unmatched.get(scope.qualified_name, []):
            step = Evidence(edge.file, edge.line, f"calls `{_name(edge.callee)}`")
            for effect in list(self.effects.get(edge.callee, {}).values()):
                target = effect.target if effect.target.kind != "parameter" else Target(
                    "outer", effect.target.name)
                yield Effect(target, _chain(step, effect.chain))

    def _through_call(self, scope: Scope, resolved: ResolvedCall, effect: Effect
                      ) -> Iterable[Effect]:
        step = Evidence(scope.file, resolved.call.lineno,
                        f"calls `{_name(resolved.callee.qualified_name)}`")
        if effect.target.kind == "closure" and effect.target.owner == scope.qualified_name:
            # The caller owns the variable: an object it allocated is its own business.
            if not self._is_fresh(scope, effect.target.name):
                yield Effect(Target("outer", effect.target.name), _chain(step, effect.chain))
            return
        if effect.target.kind != "parameter":
            yield Effect(effect.target, _chain(step, effect.chain))
            return
        for argument in resolved.bindings.get(effect.target.name, []):
            if isinstance(argument, NewInstance):
                continue  # the object the constructor call allocates
            base = argument.value if isinstance(argument, ast.Starred) else argument
            owner = self.classify(scope, base)
            if owner is not None:
                yield Effect(owner, _chain(step, effect.chain))


def _chain(step: Evidence, chain: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    return (step, *chain)[-MAX_CHAIN:] if len(chain) >= MAX_CHAIN else (step, *chain)


def _owner_text(target: Target) -> str:
    return {"parameter": f"parameter `{target.name}`", "global": f"global `{target.name}`",
            "closure": f"variable `{target.name}` of `{_name(target.owner or '')}`",
            "outer": "an object this function did not allocate", "io": "I/O"}[target.kind]


def _name(qualified: str) -> str:
    return qualified.rsplit(".", 2)[-2] + "." + qualified.rsplit(".", 1)[-1] \
        if qualified.count(".") >= 2 else qualified.rpartition(".")[2]


def _short(node: ast.AST, limit: int = 50) -> str:
    text = ast.unparse(node)
    return text if len(text) <= limit else text[: limit - 3] + "..."
