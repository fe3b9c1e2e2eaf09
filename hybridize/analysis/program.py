"""A syntax index of the project: scopes, their bindings, imports and classes.

Every function and every module top level is a Scope. A scope's bindings are collected
flow-insensitively (every assignment to a name, whatever its position), which is what a
may-analysis over a call graph needs. Nested functions and classes are scopes of their
own; comprehensions are evaluated in place by the evaluator.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from hybridize.functions import FunctionDef, module_functions
from hybridize.project import ParsedModule, ProjectSources
from hybridize.statements import all_statements


@dataclass(frozen=True)
class FromExpr:
    """The value of an expression."""

    expr: ast.expr


@dataclass(frozen=True)
class ElementOf:
    """An element of a source's value: ``index`` for unpacking, None for iteration."""

    source: Source
    index: int | None


Source = FromExpr | ElementOf


@dataclass
class ClassInfo:
    qualified_name: str
    module: ParsedModule
    node: ast.ClassDef
    #: Bases as written, resolved through imports (``tensorflow.keras.Model``, ``pkg.Base``).
    bases: list[str]
    methods: dict[str, FunctionDef] = field(default_factory=dict)
    #: ``self.attr = value`` in any method: attr -> (scope of the method, value).
    fields: dict[str, list[tuple[Scope, Source]]] = field(default_factory=dict)


@dataclass
class Scope:
    """A function body or a module's top level."""

    qualified_name: str
    module: ParsedModule
    body: list[ast.stmt]
    function: FunctionDef | None = None
    parent: Scope | None = None
    class_info: ClassInfo | None = None
    params: list[str] = field(default_factory=list)
    bindings: dict[str, list[Source]] = field(default_factory=dict)
    global_names: set[str] = field(default_factory=set)
    nonlocal_names: set[str] = field(default_factory=set)
    #: Every call in the scope's own code (not in nested functions), in source order.
    calls: list[ast.Call] = field(default_factory=list)
    #: The expressions its ``return`` statements return.
    returns: list[ast.expr] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.module.source.relpath

    @property
    def receiver(self) -> str | None:
        """The ``self`` parameter of an instance method."""
        fn = self.function
        if fn is None or fn.enclosing_class is None or not self.params:
            return None
        decorators = {ast.unparse(d) for d in fn.node.decorator_list}
        if decorators & {"staticmethod", "classmethod"}:
            return None
        return self.params[0]

    def is_local(self, name: str) -> bool:
        return (name in self.bindings or name in self.params) and not (
            name in self.global_names or name in self.nonlocal_names)


def parameters(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> list[ast.arg]:
    args = node.args
    out = [*args.posonlyargs, *args.args]
    if args.vararg:
        out.append(args.vararg)
    out.extend(args.kwonlyargs)
    if args.kwarg:
        out.append(args.kwarg)
    return out


def own_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of a body, not descending into nested functions, lambdas or classes."""
    stack: list[ast.AST] = body[::-1]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # Decorators and default values run in this scope; the body does not.
            stack.extend(reversed([*node.decorator_list, *node.args.defaults,
                                   *(d for d in node.args.kw_defaults if d is not None)]))
        elif isinstance(node, ast.ClassDef):
            stack.extend(reversed([*node.decorator_list, *node.bases]))
        elif not isinstance(node, ast.Lambda):
            stack.extend(reversed(_children(node)))


def _children(node: ast.AST) -> list[ast.AST]:
    """``ast.iter_child_nodes`` as a list, without its generator and per-field overhead (this
    walk is the syntax index's hottest loop)."""
    out: list[ast.AST] = []
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            out.append(value)
        elif isinstance(value, list):
            out.extend(item for item in value if isinstance(item, ast.AST))
    return out


class _BindingCollector:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def bind(self, target: ast.expr, source: Source) -> None:
        if isinstance(target, ast.Name):
            self.scope.bindings.setdefault(target.id, []).append(source)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for index, element in enumerate(target.elts):
                if isinstance(element, ast.Starred):
                    self.bind(element.value, ElementOf(source, None))
                else:
                    self.bind(element, ElementOf(source, index))
        elif isinstance(target, ast.Starred):
            self.bind(target.value, source)
        elif (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
              and target.value.id == self.scope.receiver and self.scope.class_info):
            self.scope.class_info.fields.setdefault(target.attr, []).append((self.scope, source))

    def collect(self, nodes: list[ast.AST]) -> None:
        """``nodes``: ``own_nodes`` of the scope's body."""
        for node in nodes:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self.bind(target, FromExpr(node.value))
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                self.bind(node.target, FromExpr(node.value))
            elif isinstance(node, ast.AugAssign):
                # `x += t` rebinds x to `x + t`.
                combined = ast.BinOp(left=_load(node.target), op=node.op, right=node.value)
                ast.copy_location(combined, node)
                self.bind(node.target, FromExpr(combined))
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                self.bind(node.target, ElementOf(FromExpr(node.iter), None))
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                self.bind(node.optional_vars, FromExpr(node.context_expr))
            elif isinstance(node, ast.NamedExpr):
                self.bind(node.target, FromExpr(node.value))
            elif isinstance(node, ast.Global):
                self.scope.global_names.update(node.names)
            elif isinstance(node, ast.Nonlocal):
                self.scope.nonlocal_names.update(node.names)
            elif isinstance(node, ast.Call):
                self.scope.calls.append(node)
            elif isinstance(node, ast.Return) and node.value is not None:
                self.scope.returns.append(node.value)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.scope.bindings.setdefault(node.name, []).append(
                    FromExpr(ast.Constant(value=None)))
            elif isinstance(node, ast.ExceptHandler) and node.name:
                self.scope.bindings.setdefault(node.name, []).append(
                    FromExpr(ast.Constant(value=None)))
        self.scope.calls.sort(key=lambda c: (c.lineno, c.col_offset))


def _load(target: ast.expr) -> ast.expr:
    """A copy of an assignment target usable as an expression."""
    copy = ast.parse(ast.unparse(target), mode="eval").body
    return ast.copy_location(copy, target)


def _class_definitions(body: list[ast.stmt], scope: str
                       ) -> Iterator[tuple[str, ast.ClassDef]]:
    """(qualified name, node) of every class, nested in blocks, classes or functions."""
    for stmt in body:
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            qualified = f"{scope}.{stmt.name}"
            if isinstance(stmt, ast.ClassDef):
                yield qualified, stmt
            yield from _class_definitions(stmt.body, qualified)
            continue
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.stmt):
                yield from _class_definitions([child], scope)
            elif isinstance(child, (ast.ExceptHandler, ast.match_case)):
                yield from _class_definitions(child.body, scope)


def _import_aliases(module: ParsedModule) -> dict[str, str]:
    """Local name -> dotted name, for every import anywhere in the module."""
    package = module.source.module if module.source.is_package else \
        module.source.module.rpartition(".")[0]
    aliases: dict[str, str] = {}
    for node in all_statements(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    aliases[head] = head
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".") if package else []
                parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                if alias.name != "*":
                    aliases[alias.asname or alias.name] = f"{base}.{alias.name}" if base \
                        else alias.name
    return aliases


class ProgramIndex:
    """Scopes, classes and imports of a project, by qualified name."""

    def __init__(self, sources: ProjectSources, functions: list[FunctionDef]) -> None:
        self.modules = {m.source.module: m for m in sources.modules}
        self.aliases = {m.source.module: _import_aliases(m) for m in sources.modules}
        self.functions = {fn.qualified_name: fn for fn in functions}
        self.classes: dict[str, ClassInfo] = {}
        self.scopes: dict[str, Scope] = {}
        self._module_of: dict[str, ParsedModule] = {}
        for module in sources.modules:
            self._index_module(module)
        self._qualify_bases()

    def _qualify_bases(self) -> None:
        """``class B(A)`` with A defined in the same module: the base is ``mod.A``."""
        for info in self.classes.values():
            module = info.module.source.module
            info.bases = [base if base in self.classes or f"{module}.{base}" not in
                          self.classes else f"{module}.{base}" for base in info.bases]

    def _index_module(self, module: ParsedModule) -> None:
        name = module.source.module
        module_scope = Scope(name, module, module.tree.body)
        self.scopes[name] = module_scope
        functions = list(module_functions(module))
        self._index_classes(module, functions)
        by_node = {id(fn.node): fn for fn in functions}
        # Each body is walked once: the same nodes give its bindings and its nested functions.
        nodes = list(own_nodes(module.tree.body))
        self._index_body(module, nodes, module_scope, by_node)
        _BindingCollector(module_scope).collect(nodes)

    def _index_classes(self, module: ParsedModule, functions: list[FunctionDef]) -> None:
        """Every class with the qualified name scheme of ``module_functions``, and its methods."""
        name = module.source.module
        for qualified, node in _class_definitions(module.tree.body, name):
            bases = [self.resolve_dotted(name, b) or ast.unparse(b) for b in node.bases]
            self.classes[qualified] = ClassInfo(qualified, module, node, bases)
        for fn in functions:
            info = self.classes.get(fn.qualified_name.rpartition(".")[0])
            if fn.enclosing_class is not None and info is not None:
                info.methods[fn.name] = fn

    def _index_body(self, module: ParsedModule, nodes: list[ast.AST], parent: Scope,
                    by_node: dict[int, FunctionDef]) -> None:
        """Scopes for the functions among ``nodes`` (``own_nodes`` of a body), and below."""
        for node in nodes:
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    self._index_body(module, list(own_nodes([stmt])), parent, by_node)
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            fn = by_node.get(id(node))
            if fn is None:
                continue
            class_info = None
            if fn.enclosing_class is not None:
                class_info = self.classes.get(fn.qualified_name.rpartition(".")[0])
            scope = Scope(fn.qualified_name, module, node.body, fn, parent, class_info,
                          [a.arg for a in parameters(node)])
            self.scopes[fn.qualified_name] = scope
            body = list(own_nodes(node.body))
            _BindingCollector(scope).collect(body)
            self._index_body(module, body, scope, by_node)

    def resolve_dotted(self, module: str, expr: ast.expr) -> str | None:
        """``tf.keras.layers.Dense`` -> ``tensorflow.keras.layers.Dense`` via the imports."""
        parts: list[str] = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None
        head = self.aliases.get(module, {}).get(expr.id)
        if head is None:
            return None
        return ".".join([head, *reversed(parts)])
