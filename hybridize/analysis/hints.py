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


def hint_names(annotation: ast.expr, imports: ModuleImports) -> list[str]:
    """Every type named in an annotation (``Optional[tf.Tensor]`` names tensorflow.Tensor)."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return []
    return [imports.resolve(node) or ast.unparse(node) for node in ast.walk(annotation)
            if isinstance(node, (ast.Name, ast.Attribute))]
