"""Type hints as written: the dotted names an annotation mentions, through the module's imports.

Annotations are not code WALA runs, so the front end leaves them out; this reads them from the
def itself. It resolves names only through import statements (``tf`` -> ``tensorflow``), the
way the annotation's reader would, and evaluates nothing.
"""

from __future__ import annotations

import ast

from hybridize.parse.project import ParsedModule
from hybridize.parse.statements import all_statements


class ModuleImports:
    """Local name -> dotted name, for every import anywhere in one module."""

    def __init__(self, module: ParsedModule) -> None:
        package = module.source.module if module.source.is_package else \
            module.source.module.rpartition(".")[0]
        self._names: dict[str, str] = {}
        for node in all_statements(module.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    self._names[local] = alias.name if alias.asname else local
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(package, node)
                for alias in node.names:
                    if alias.name != "*":
                        self._names[alias.asname or alias.name] = (
                            f"{base}.{alias.name}" if base else alias.name)

    def resolve(self, expr: ast.expr) -> str | None:
        """``tf.keras.layers.Dense`` -> ``tensorflow.keras.layers.Dense``; None if not imported."""
        parts: list[str] = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name) or expr.id not in self._names:
            return None
        return ".".join([self._names[expr.id], *reversed(parts)])


def _absolute(package: str, node: ast.ImportFrom) -> str:
    base = node.module or ""
    if not node.level:
        return base
    parts = package.split(".") if package else []
    parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
    return ".".join([*parts, base] if base else parts)


#: Generics whose arguments describe something other than the parameter's value: a callable's
#: signature, a class object, literal values.
_NOT_VALUES = frozenset({"Callable", "Type", "type", "Literal"})


def hint_names(annotation: ast.expr, imports: ModuleImports) -> list[str]:
    """Every type an annotation says the value may be, resolved through the imports.

    ``Optional[tf.Tensor]``, ``Union[tf.Tensor, None]``, ``tf.Tensor | None``, ``list[tf.Tensor]``,
    ``Sequence["tf.Tensor"]`` and ``Annotated[tf.Tensor, ...]`` all name ``tensorflow.Tensor``;
    ``Callable[[tf.Tensor], tf.Tensor]`` and ``type[tf.Tensor]`` name only the generic, as the
    value is a function or a class. Strings (and ``from __future__ import annotations``, which
    leaves the tree as written) are read as the annotation they spell.
    """
    if isinstance(annotation, ast.Constant):
        if not isinstance(annotation.value, str):
            return []  # None in Optional's spelling X | None
        try:
            annotation = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return []
        return hint_names(annotation, imports)
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        return [imports.resolve(annotation) or ast.unparse(annotation)]
    if isinstance(annotation, ast.BinOp):
        return hint_names(annotation.left, imports) + hint_names(annotation.right, imports)
    if isinstance(annotation, (ast.Tuple, ast.List)):
        return [name for element in annotation.elts for name in hint_names(element, imports)]
    if isinstance(annotation, ast.Subscript):
        generic = hint_names(annotation.value, imports)
        last = generic[-1].rpartition(".")[2] if generic else ""
        if last in _NOT_VALUES:
            return generic
        arguments = annotation.slice
        if last == "Annotated" and isinstance(arguments, ast.Tuple) and arguments.elts:
            arguments = arguments.elts[0]  # the rest is metadata
        return generic + hint_names(arguments, imports)
    return []
