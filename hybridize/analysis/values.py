"""Abstract values: what kinds of object an expression may evaluate to, and where they come from.

A value is a set of Origins. An origin is an allocation site with a Kind (tensor,
dataset, Python scalar, container ...) and a description for evidence. Containers carry the
values of their elements, so ``(tf.constant(1), 2)`` is a container of a tensor and an int.
Library calls get their kind from the API model (hybridize/models/tensorflow.json); tensor
operators, slicing and Keras calls follow the rules below; project calls return what their
``return`` statements do. The evaluator is a may-analysis: it over-approximates.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hybridize.analysis.calls import CallResolver, NewInstance, terminal_name
from hybridize.analysis.models import TENSOR_KINDS, ApiModel, Kind
from hybridize.analysis.program import ElementOf, FromExpr, ProgramIndex, Scope, Source

#: Nesting beyond this depth is summarised, so recursive structures stay finite.
MAX_DEPTH = 3

_PRIMITIVE_BUILTINS = frozenset({"int", "float", "bool", "len", "round", "abs", "sum", "max",
                                 "min", "ord", "hash", "divmod", "pow"})
_CONTAINER_BUILTINS = frozenset({"list", "tuple", "set", "frozenset", "sorted", "reversed"})


@dataclass(frozen=True)
class Origin:
    kind: Kind
    file: str
    line: int
    #: For a person: "tf.constant(...)", "literal 3", "MyModel()".
    what: str
    #: Element values of a container (index-known unless ``homogeneous``).
    elements: tuple[frozenset[Origin], ...] = ()
    homogeneous: bool = False
    #: The project class of an instance (Keras subclasses included).
    class_name: str | None = None


Value = frozenset[Origin]
EMPTY: Value = frozenset()


def union(values: Iterable[Value]) -> Value:
    out: set[Origin] = set()
    for value in values:
        out |= value
    return frozenset(out)


def has_tensor(value: Value, depth: int = 0) -> bool:
    """A tensor, or a container holding one."""
    for origin in value:
        if origin.kind in TENSOR_KINDS:
            return True
        if origin.kind is Kind.CONTAINER and depth < MAX_DEPTH + 1 and any(
                has_tensor(e, depth + 1) for e in origin.elements):
            return True
    return False


def tensor_origins(value: Value, depth: int = 0) -> list[Origin]:
    found = []
    for origin in value:
        if origin.kind in TENSOR_KINDS:
            found.append(origin)
        elif origin.kind is Kind.CONTAINER and depth <= MAX_DEPTH:
            for element in origin.elements:
                found.extend(tensor_origins(element, depth + 1))
    return found


def primitive_origins(value: Value) -> list[Origin]:
    return [origin for origin in value if origin.kind is Kind.PRIMITIVE]


def _depth(origin: Origin) -> int:
    if origin.kind is not Kind.CONTAINER or not origin.elements:
        return 0
    return 1 + max((max((_depth(o) for o in e), default=0) for e in origin.elements), default=0)


def _flatten(value: Value) -> Value:
    """Container contents as one value (for summarising deep nesting)."""
    out: set[Origin] = set()
    for origin in value:
        if origin.kind is Kind.CONTAINER:
            out |= _flatten(union(origin.elements))
        else:
            out.add(origin)
    return frozenset(out)


def container(file: str, line: int, what: str, elements: Iterable[Value],
              homogeneous: bool = False) -> Value:
    elements = tuple(elements)
    origin = Origin(Kind.CONTAINER, file, line, what, elements, homogeneous)
    if _depth(origin) > MAX_DEPTH:
        origin = Origin(Kind.CONTAINER, file, line, what, (_flatten(union(elements)),), True)
    return frozenset({origin})


def element(value: Value, index: int | None) -> Value:
    """Element ``index`` (None: any element, as when iterating) of a value."""
    out: set[Origin] = set()
    for origin in value:
        if origin.kind in TENSOR_KINDS or origin.kind is Kind.DATASET:
            # Unpacking or iterating a tensor gives tensors (its rows); a dataset, its elements.
            what = origin.what if origin.what.startswith("an element of") else \
                f"an element of {origin.what}"
            out.add(Origin(Kind.TENSOR, origin.file, origin.line, what))
        elif origin.kind is Kind.CONTAINER:
            if index is not None and not origin.homogeneous and index < len(origin.elements):
                out |= origin.elements[index]
            else:
                out |= union(origin.elements)
    return frozenset(out)


#: The value a parameter of a function may take: (function, parameter) -> value.
ParameterValues = Callable[[str, str], Value]


class Evaluator:
    """Evaluates expressions of a scope to abstract values (flow-insensitively)."""

    def __init__(self, program: ProgramIndex, model: ApiModel, resolver: CallResolver,
                 parameter_value: ParameterValues) -> None:
        self.program = program
        self.model = model
        self.resolver = resolver
        self.parameter_value = parameter_value
        self._names: dict[tuple[str, str], Value] = {}
        self._returns: dict[str, Value] = {}
        self._fields: dict[tuple[str, str], Value] = {}
        self._active: set[object] = set()
        self._keras_classes: dict[str, bool] = {}

    # --- names, fields and returns (memoised, cycle-safe) ---------------------------------

    def _guarded(self, key: object, memo: dict, compute: Callable[[], Value]) -> Value:
        if key in memo:
            return memo[key]
        if key in self._active:
            return EMPTY  # a cycle: the other bindings still contribute
        self._active.add(key)
        try:
            value = compute()
        finally:
            self._active.discard(key)
        memo[key] = value
        return value

    def name(self, scope: Scope, name: str) -> Value:
        return self._guarded((scope.qualified_name, name), self._names,
                             lambda: self._name(scope, name))

    def _name(self, scope: Scope, name: str) -> Value:
        if name in scope.global_names:
            module_scope = self.program.scopes[scope.module.source.module]
            return self._bindings(module_scope, name)
        current: Scope | None = scope
        while current is not None:
            if name in current.nonlocal_names or name in current.global_names:
                current = current.parent
                continue
            if name in current.params or name in current.bindings:
                value = self._bindings(current, name)
                if name in current.params:
                    value |= self.parameter_value(current.qualified_name, name)
                if name == current.receiver and current.class_info is not None:
                    # `self` is at least an instance of the defining class.
                    value |= self.instance(current, current.class_info.qualified_name,
                                           current.class_info.node.name)
                return value
            current = current.parent
        return EMPTY

    def _bindings(self, scope: Scope, name: str) -> Value:
        return union(self.source(scope, source) for source in scope.bindings.get(name, ()))

    def source(self, scope: Scope, source: Source) -> Value:
        if isinstance(source, FromExpr):
            return self.eval(scope, source.expr)
        assert isinstance(source, ElementOf)
        return element(self.source(scope, source.source), source.index)

    def returns(self, qualified_name: str) -> Value:
        return self._guarded(qualified_name, self._returns, lambda: self._returns_of(
            qualified_name))

    def _returns_of(self, qualified_name: str) -> Value:
        scope = self.program.scopes.get(qualified_name)
        if scope is None:
            return EMPTY
        return union(self.eval(scope, value) for value in scope.returns)

    def field(self, class_name: str, attribute: str) -> Value:
        return self._guarded((class_name, attribute), self._fields,
                             lambda: self._field(class_name, attribute))

    def _field(self, class_name: str, attribute: str) -> Value:
        info = self.program.classes.get(class_name)
        values = []
        while info is not None:
            values.extend(self.source(scope, source) for scope, source in
                          info.fields.get(attribute, ()))
            # Fields set by a project base class are inherited.
            info = next((self.program.classes[b] for b in info.bases if b in
                         self.program.classes), None)
        return union(values)

    def is_keras_class(self, class_name: str) -> bool:
        if class_name not in self._keras_classes:
            self._keras_classes[class_name] = False  # cycle guard
            info = self.program.classes.get(class_name)
            self._keras_classes[class_name] = info is not None and any(
                self.model.is_keras_base(base) or (base in self.program.classes
                                                   and self.is_keras_class(base))
                for base in info.bases)
        return self._keras_classes[class_name]

    # --- expressions ------------------------------------------------------------------------

    def argument(self, scope: Scope, argument: ast.expr | NewInstance) -> Value:
        if isinstance(argument, NewInstance):
            return self.instance(scope, argument.class_name, argument.class_name)
        if isinstance(argument, ast.Starred):
            return element(self.eval(scope, argument.value), None)
        return self.eval(scope, argument)

    def instance(self, scope: Scope, class_name: str, what: str, line: int = 0) -> Value:
        kind = Kind.KERAS_OBJECT if self.is_keras_class(class_name) else Kind.INSTANCE
        return frozenset({Origin(kind, scope.file, line, f"{what}()", class_name=class_name)})

    def eval(self, scope: Scope, expr: ast.expr) -> Value:
        file, line = scope.file, getattr(expr, "lineno", 0)
        match expr:
            case ast.Constant(value=bool() | int() | float() as value):
                return frozenset({Origin(Kind.PRIMITIVE, file, line,
                                         f"the {type(value).__name__} literal {value!r}")})
            case ast.Constant():
                return frozenset({Origin(Kind.OTHER, file, line, "a literal")})
            case ast.Name(id=name):
                return self.name(scope, name)
            case ast.Tuple(elts=elts) | ast.List(elts=elts):
                return container(file, line, _short(expr),
                                 (self.argument(scope, e) for e in elts))
            case ast.Set(elts=elts):
                return container(file, line, _short(expr), [union(self.eval(scope, e)
                                                                  for e in elts)], True)
            case ast.Dict(values=values):
                return container(file, line, _short(expr),
                                 [union(self.eval(scope, v) for v in values)], True)
            case ast.ListComp(elt=elt, generators=gens) | ast.SetComp(elt=elt, generators=gens) \
                    | ast.GeneratorExp(elt=elt, generators=gens):
                return container(file, line, _short(expr),
                                 [self._comprehension(scope, elt, gens)], True)
            case ast.DictComp(value=value, generators=gens):
                return container(file, line, _short(expr),
                                 [self._comprehension(scope, value, gens)], True)
            case ast.BinOp(left=left, right=right):
                return self._arithmetic(file, line, expr,
                                        [self.eval(scope, left), self.eval(scope, right)])
            case ast.UnaryOp(op=ast.Not(), operand=operand):
                return self._arithmetic(file, line, expr, [self.eval(scope, operand)],
                                        tensor_result=False)
            case ast.UnaryOp(operand=operand):
                return self._arithmetic(file, line, expr, [self.eval(scope, operand)])
            case ast.Compare(left=left, comparators=comparators):
                operands = [self.eval(scope, left), *(self.eval(scope, c) for c in comparators)]
                return self._arithmetic(file, line, expr, operands)
            case ast.BoolOp(values=values):
                return union(self.eval(scope, v) for v in values)
            case ast.IfExp(body=body, orelse=orelse):
                return self.eval(scope, body) | self.eval(scope, orelse)
            case ast.NamedExpr(value=value) | ast.Await(value=value) | ast.Starred(value=value):
                return self.eval(scope, value)
            case ast.Subscript(value=base, slice=index):
                return self._subscript(scope, base, index)
            case ast.Attribute():
                return self._attribute(scope, expr)
            case ast.Call():
                return self._call(scope, expr)
        return frozenset({Origin(Kind.OTHER, file, line, _short(expr))})

    def _comprehension(self, scope: Scope, elt: ast.expr, generators: list[ast.comprehension]
                       ) -> Value:
        # Comprehension variables are bound in a scope of their own, inside this one.
        inner = Scope(f"{scope.qualified_name}.<comprehension@{id(elt)}>", scope.module, [],
                      scope.function, scope, scope.class_info, [])
        for generator in generators:
            self._bind(inner, generator.target, ElementOf(FromExpr(generator.iter), None))
        key = ("comprehension", id(elt))
        if key in self._active:
            return EMPTY
        self._active.add(key)
        try:
            return self.eval(inner, elt)
        finally:
            self._active.discard(key)

    def _bind(self, scope: Scope, target: ast.expr, source: Source) -> None:
        if isinstance(target, ast.Name):
            scope.bindings.setdefault(target.id, []).append(source)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for index, part in enumerate(target.elts):
                self._bind(scope, part, ElementOf(source, index))

    def _arithmetic(self, file: str, line: int, expr: ast.expr, operands: list[Value],
                    tensor_result: bool = True) -> Value:
        """Operators: any tensor operand gives a tensor; all-scalar operands give a scalar."""
        out: set[Origin] = set()
        tensors = [o for v in operands for o in v if o.kind in TENSOR_KINDS]
        if tensors and tensor_result:
            out.add(Origin(Kind.TENSOR, file, line, f"the tensor expression `{_short(expr)}`"))
        if operands and all(any(o.kind is Kind.PRIMITIVE for o in v) for v in operands):
            out.add(Origin(Kind.PRIMITIVE, file, line, f"the computed scalar `{_short(expr)}`"))
        if not out:
            containers = [o for v in operands for o in v if o.kind is Kind.CONTAINER]
            if containers and isinstance(expr, ast.BinOp):  # list + list
                out.add(Origin(Kind.CONTAINER, file, line, _short(expr),
                               (union(union(c.elements) for c in containers),), True))
            else:
                out.add(Origin(Kind.OTHER, file, line, _short(expr)))
        return frozenset(out)

    def _subscript(self, scope: Scope, base: ast.expr, index: ast.expr) -> Value:
        value = self.eval(scope, base)
        position = index.value if isinstance(index, ast.Constant) and isinstance(
            index.value, int) and not isinstance(index.value, bool) else None
        out: set[Origin] = set()
        for origin in value:
            if origin.kind in TENSOR_KINDS:
                out.add(Origin(Kind.TENSOR, scope.file, base.lineno,
                               f"the slice `{_short(base)}[...]` of a tensor"))
            elif origin.kind is Kind.CONTAINER:
                if isinstance(index, ast.Slice):
                    out.add(origin)
                else:
                    out |= element(frozenset({origin}), position)
        return frozenset(out)

    def _attribute(self, scope: Scope, expr: ast.Attribute) -> Value:
        dotted = self.program.resolve_dotted(scope.module.source.module, expr)
        if dotted is not None:
            module, _, attribute = dotted.rpartition(".")
            if module in self.program.modules:  # a global of a project module
                return self.name(self.program.scopes[module], attribute)
            return frozenset({Origin(Kind.OTHER, scope.file, expr.lineno, dotted)})
        base = self.eval(scope, expr.value)
        out: set[Origin] = set()
        for origin in base:
            if origin.class_name is not None:
                out |= self.field(origin.class_name, expr.attr)
            special = self.model.attribute_kind(origin.kind, expr.attr)
            if special is Kind.CONTAINER:
                out |= container(scope.file, expr.lineno, _short(expr), [frozenset({Origin(
                    Kind.VARIABLE, scope.file, expr.lineno, f"a variable of {origin.what}")})],
                                 True)
            elif special is not None:
                out.add(Origin(special, scope.file, expr.lineno, _short(expr)))
            elif origin.kind in TENSOR_KINDS and expr.attr == "T":
                out.add(Origin(Kind.TENSOR, scope.file, expr.lineno, _short(expr)))
        return frozenset(out)

    def _call(self, scope: Scope, call: ast.Call) -> Value:
        file, line = scope.file, call.lineno
        callees = self.resolver.callees(scope, call)
        if callees:
            out: set[Origin] = set()
            for callee in callees:
                if callee.name == "__init__":
                    class_name = callee.qualified_name.rpartition(".")[0]
                    out |= self.instance(scope, class_name, _short(call.func), line)
                elif callee.name == "call" and callee.name != terminal_name(call.func):
                    # `model(x)` through the framework's __call__: Keras returns tensors.
                    out |= self.returns(callee.qualified_name)
                    out.add(Origin(Kind.TENSOR, file, line, f"the Keras call `{_short(call)}`"))
                else:
                    out |= self.returns(callee.qualified_name)
            return frozenset(out)
        module = scope.module.source.module
        dotted = self.program.resolve_dotted(module, call.func)
        if dotted is not None:
            if dotted in self.program.classes:  # a project class the call graph left out
                return self.instance(scope, dotted, _short(call.func), line)
            return self._library_call(scope, call, self.model.canonical(dotted))
        if isinstance(call.func, ast.Name):
            local = self.name(scope, call.func.id)
            if not local:
                return self._builtin_call(scope, call, call.func.id)
            return self._call_value(scope, call, local)
        if isinstance(call.func, ast.Attribute):
            # `self.dense(x)` calls a field's value; `ds.map(f)` a library method.
            fields = self._call_value(scope, call, self._attribute(scope, call.func), EMPTY)
            receiver = self.eval(scope, call.func.value)
            return fields | self._method_call(scope, call, receiver, call.func.attr)
        return self._call_value(scope, call, self.eval(scope, call.func))

    def _library_call(self, scope: Scope, call: ast.Call, api: str) -> Value:
        file, line = scope.file, call.lineno
        kind = self.model.result_kind(api)
        if kind is None:
            return frozenset({Origin(Kind.OTHER, file, line, f"{api}(...)")})
        return frozenset({Origin(kind, file, line, f"{api}(...)")})

    def _builtin_call(self, scope: Scope, call: ast.Call, name: str) -> Value:
        file, line = scope.file, call.lineno
        args = [self.argument(scope, a) for a in call.args]
        if name in _PRIMITIVE_BUILTINS:
            if name in ("max", "min", "abs", "sum") and any(has_tensor(a) for a in args):
                return frozenset({Origin(Kind.TENSOR, file, line, f"{_short(call)}")})
            return frozenset({Origin(Kind.PRIMITIVE, file, line,
                                     f"the computed scalar `{_short(call)}`")})
        if name == "range":
            scalar = frozenset({Origin(Kind.PRIMITIVE, file, line,
                                       f"an int from `{_short(call)}`")})
            return container(file, line, _short(call), [scalar], True)
        if name == "enumerate" and args:
            counter = frozenset({Origin(Kind.PRIMITIVE, file, line,
                                        f"the counter of `{_short(call)}`")})
            pair = container(file, line, _short(call), [counter, element(args[0], None)])
            return container(file, line, _short(call), [pair], True)
        if name == "zip" and args:
            row = container(file, line, _short(call), [element(a, None) for a in args])
            return container(file, line, _short(call), [row], True)
        if name in _CONTAINER_BUILTINS and args:
            return container(file, line, _short(call), [element(args[0], None)], True)
        if name in ("iter", "next") and args:
            return args[0] if name == "iter" else element(args[0], None)
        return frozenset({Origin(Kind.OTHER, file, line, _short(call))})

    def _call_value(self, scope: Scope, call: ast.Call, callee: Value,
                    default: Value | None = None) -> Value:
        """Calling a value: a Keras layer or model gives tensors."""
        out: set[Origin] = set()
        for origin in callee:
            if origin.kind is Kind.KERAS_OBJECT:
                out.add(Origin(Kind.TENSOR, scope.file, call.lineno,
                               f"the Keras call `{_short(call)}`"))
        if out or default is not None:
            return frozenset(out) | (default or EMPTY)
        return frozenset({Origin(Kind.OTHER, scope.file, call.lineno, _short(call))})

    def _method_call(self, scope: Scope, call: ast.Call, receiver: Value, method: str) -> Value:
        out: set[Origin] = set()
        for origin in receiver:
            if origin.kind is Kind.KERAS_OBJECT and origin.class_name and method in (
                    "__call__", "call"):
                out.add(Origin(Kind.TENSOR, scope.file, call.lineno,
                               f"the Keras call `{_short(call)}`"))
                continue
            kind = self.model.method_result(origin.kind, method)
            if kind is not None:
                out.add(Origin(kind, scope.file, call.lineno, f"`{_short(call)}`"))
        if method == "copy":
            out |= receiver
        return frozenset(out) or frozenset({Origin(Kind.OTHER, scope.file, call.lineno,
                                                   _short(call))})


@functools.lru_cache(maxsize=8192)
def _short(node: ast.AST, limit: int = 60) -> str:
    # Cached by node identity: evaluating a project describes the same few hundred expressions
    # thousands of times, and unparsing was a quarter of the analyses' time on real code.
    text = ast.unparse(node)
    return text if len(text) <= limit else text[: limit - 3] + "..."
