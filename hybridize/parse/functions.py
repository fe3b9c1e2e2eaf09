"""Function definitions and their ``tf.function`` decorators, read from the syntax tree.

Hybrid detection needs no call graph: a function is hybrid when one of its decorators
names TensorFlow's ``function`` under any spelling the module's imports allow
(``tf.function``, ``tensorflow.function``, ``from tensorflow import function as f``,
``import tensorflow.compat.v2 as tf``), with or without arguments.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from hybridize.parse.project import ParsedModule
from hybridize.parse.statements import all_statements

#: Modules whose ``function`` attribute is ``tf.function``.
TENSORFLOW_MODULES = frozenset({"tensorflow", "tensorflow.compat.v2"})


@dataclass(frozen=True)
class HybridDecorator:
    """A ``tf.function`` decorator as written."""

    #: 1-based line of the ``@``'s expression.
    line: int
    #: Keyword arguments as source text (``{"jit_compile": "True"}``).
    arguments: dict[str, str]
    #: Positional arguments as source text (``tf.function(f)`` is unusual but legal).
    positional: tuple[str, ...] = ()


@dataclass(frozen=True)
class FunctionDef:
    """One ``def`` (or ``async def``) of the project."""

    name: str
    qualified_name: str
    file: str
    #: 1-based line of the ``def`` keyword, not of a decorator.
    line: int
    node: ast.FunctionDef | ast.AsyncFunctionDef = field(compare=False, repr=False)
    #: Enclosing class name, when the function is a method.
    enclosing_class: str | None
    hybrid: HybridDecorator | None

    @property
    def receiver(self) -> str | None:
        """The ``self`` parameter of an instance method (what the call binds, not passes)."""
        positional = [*self.node.args.posonlyargs, *self.node.args.args]
        if self.enclosing_class is None or not positional:
            return None
        decorators = {ast.unparse(d) for d in self.node.decorator_list}
        if decorators & {"staticmethod", "classmethod"}:
            return None
        return positional[0].arg


@dataclass
class TensorFlowNames:
    """What, in one module, refers to the tensorflow module or to tf.function itself."""

    #: Names bound to a TensorFlow module (``tf`` for ``import tensorflow as tf``).
    module_aliases: set[str] = field(default_factory=set)
    #: Names bound to tf.function itself (``function`` for ``from tensorflow import function``).
    function_aliases: set[str] = field(default_factory=set)


def tensorflow_names(tree: ast.Module) -> TensorFlowNames:
    names = TensorFlowNames()
    # Imports anywhere in the module count: a function-local `import tensorflow as tf` is common.
    for node in all_statements(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in TENSORFLOW_MODULES:
                    names.module_aliases.add(alias.asname or alias.name.split(".")[0])
                elif alias.name.startswith("tensorflow.") and alias.asname is None:
                    names.module_aliases.add("tensorflow")  # `import tensorflow.x` binds tensorflow
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                if node.module in TENSORFLOW_MODULES and alias.name == "function":
                    names.function_aliases.add(alias.asname or alias.name)
                elif f"{node.module}.{alias.name}" in TENSORFLOW_MODULES:
                    names.module_aliases.add(alias.asname or alias.name)
    # Module-level aliases: `graph = tf.function` and `xla = tf.function(jit_compile=True)`.
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(
                stmt.targets[0], ast.Name):
            value = stmt.value
            if isinstance(value, ast.Call) and not value.args:
                value = value.func
            if is_tf_function(value, names):
                names.function_aliases.add(stmt.targets[0].id)
    return names


def _dotted(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        base = _dotted(expr.value)
        return f"{base}.{expr.attr}" if base else None
    return None


def is_tf_function(expr: ast.expr, names: TensorFlowNames) -> bool:
    dotted = _dotted(expr)
    if dotted is None:
        return False
    if dotted in names.function_aliases:
        return True
    head, _, attr = dotted.rpartition(".")
    if attr != "function":
        return False
    # `tf.function`, `tensorflow.function`, and `tf.compat.v2.function` through an alias.
    return head in names.module_aliases or any(
        head == f"{alias}.compat.v2" for alias in names.module_aliases
    ) or head in TENSORFLOW_MODULES


def hybrid_decorator(
    node: ast.FunctionDef | ast.AsyncFunctionDef, names: TensorFlowNames, source: str
) -> HybridDecorator | None:
    for decorator in node.decorator_list:
        if is_tf_function(decorator, names):
            return HybridDecorator(decorator.lineno, {})
        if isinstance(decorator, ast.Call) and is_tf_function(decorator.func, names):
            keywords = {
                kw.arg: ast.get_source_segment(source, kw.value) or ast.unparse(kw.value)
                for kw in decorator.keywords
                if kw.arg is not None
            }
            positional = tuple(ast.unparse(arg) for arg in decorator.args)
            return HybridDecorator(decorator.lineno, keywords, positional)
    return None


def module_functions(module: ParsedModule) -> Iterator[FunctionDef]:
    """Every function definition of a module, outermost first, with qualified names.

    Qualified names follow the front end's identity rule (``PyJsonToCAst.uniqueName``): in
    one code body (a module or a function, class bodies included), the first definition of a
    name keeps it and every later one is named ``name@line`` (``m.f`` and ``m.f@8`` for a
    ``def f`` in both branches of an ``if``), so the two sides' facts never collide.
    """
    names = tensorflow_names(module.tree)

    def visit(body: list[ast.stmt], scope: str, used: set[str], class_path: str,
              enclosing_class: str | None) -> Iterator[FunctionDef]:
        for stmt in body:
            for node in _definitions(stmt):
                local = _unique(used, class_path + node.name, node)
                qualified = f"{scope}.{local.rpartition('/')[2]}"
                if isinstance(node, ast.ClassDef):
                    yield from visit(node.body, qualified, used, local + "/", node.name)
                    continue
                yield FunctionDef(
                    name=node.name,
                    qualified_name=qualified,
                    file=module.source.relpath,
                    line=node.lineno,  # the `def` line, even when decorated
                    node=node,
                    enclosing_class=enclosing_class,
                    hybrid=hybrid_decorator(node, names, module.text),
                )
                yield from visit(node.body, qualified, set(), "", None)

    yield from visit(module.tree.body, module.source.module, set(), "", None)


def _unique(used: set[str], name: str, node: ast.stmt) -> str:
    """``name``, or ``name@line`` when the code body already defines ``name``."""
    if name in used:
        name = f"{name}@{node.lineno}"
    used.add(name)
    return name


_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _definitions(stmt: ast.stmt) -> Iterator[_Definition]:
    """Definitions directly in ``stmt``, also inside if/try/with/for blocks of the same scope."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield stmt
        return
    for child in ast.iter_child_nodes(stmt):
        if isinstance(child, ast.stmt):
            yield from _definitions(child)
        elif isinstance(child, (ast.ExceptHandler, ast.match_case)):
            for inner in child.body:
                yield from _definitions(inner)

