"""The speculative analysis: deciding what the call graph cannot see.

Functions the framework calls (Keras ``call``/``train_step``, callbacks) and functions with no
call site in the project have no (or not all of their) callers in the call graph. For them,
parameter type hints (``x: tf.Tensor``, ``n: int``), the API model's knowledge of what the
framework passes, and naming conventions (``inputs``, ``images``; ``num_steps``, ``epoch``)
decide whether a tensor or a Python scalar reaches a parameter. Every such decision becomes an
Assumption with its reason. ``AnalysisSettings.speculative`` turns the whole analysis off;
``AnalysisSettings.type_hints`` turns off type hints alone.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from hybridize.analysis.models import ApiModel, FrameworkMethod
from hybridize.analysis.program import ClassInfo, ProgramIndex, Scope
from hybridize.report import Assumption
from hybridize.settings import AnalysisSettings


@dataclass
class Speculation:
    tensor: list[Assumption] = field(default_factory=list)
    primitive: list[Assumption] = field(default_factory=list)


def _class_family(program: ProgramIndex, model: ApiModel, info: ClassInfo | None,
                  seen: frozenset[str] = frozenset()) -> str | None:
    """"keras" or "callback" when the class derives from one of the framework's bases."""
    if info is None or info.qualified_name in seen:
        return None
    for base in info.bases:
        if model.is_callback_base(base):
            return "callback"
        if model.is_keras_base(base):
            return "keras"
        family = _class_family(program, model, program.classes.get(base),
                               seen | {info.qualified_name})
        if family:
            return family
    return None


def framework_method(program: ProgramIndex, model: ApiModel, scope: Scope
                     ) -> FrameworkMethod | None:
    """The framework's contract for this method, if the framework calls it."""
    if scope.function is None or scope.class_info is None:
        return None
    family = _class_family(program, model, scope.class_info)
    if family is None:
        return None
    return model.framework_methods.get(family, {}).get(scope.function.name)


def _hint_names(program: ProgramIndex, scope: Scope, annotation: ast.expr) -> list[str]:
    """Every type named in an annotation (``Optional[tf.Tensor]`` names tf.Tensor)."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return []
    names = []
    for node in ast.walk(annotation):
        if isinstance(node, (ast.Name, ast.Attribute)):
            dotted = program.resolve_dotted(scope.module.source.module, node)
            names.append(dotted or ast.unparse(node))
    return names


def _matches_spec(spec: tuple[str, ...], position: int, name: str) -> bool:
    return f"#{position}" in spec or name in spec


def speculate(program: ProgramIndex, model: ApiModel, scope: Scope, settings: AnalysisSettings,
              has_call_sites: bool) -> Speculation:
    """Assumptions for a function whose callers the call graph may not show."""
    result = Speculation()
    fn = scope.function
    if not settings.speculative or fn is None:
        return result
    contract = framework_method(program, model, scope)
    if contract is None and has_call_sites:
        return result  # an ordinary function whose callers the analysis sees
    why = (f"the framework calls `{fn.name}`" if contract is not None
           else "no call site in the project calls it")
    arguments = [a for a in [*fn.node.args.posonlyargs, *fn.node.args.args,
                             *fn.node.args.kwonlyargs] if a.arg != scope.receiver]
    for position, argument in enumerate(arguments):
        name = argument.arg
        hints = _hint_names(program, scope, argument.annotation) if (
            argument.annotation is not None and settings.type_hints) else []
        tensor_hint = next((h for h in hints if model.is_tensor_hint(h)), None)
        primitive_hint = next((h for h in hints if model.is_primitive_hint(h)), None)
        if tensor_hint:
            result.tensor.append(Assumption("tensor_parameter", (
                f"{why}; parameter `{name}` is annotated `{tensor_hint}`")))
        elif primitive_hint:
            result.primitive.append(Assumption("primitive_parameter", (
                f"{why}; parameter `{name}` is annotated `{primitive_hint}`")))
        elif contract is not None and _matches_spec(contract.tensor, position, name):
            result.tensor.append(Assumption("tensor_parameter", (
                f"{why} and passes a tensor to `{name}`")))
        elif contract is not None and _matches_spec(contract.primitive, position, name):
            result.primitive.append(Assumption("primitive_parameter", (
                f"{why} and passes a Python scalar to `{name}`")))
        elif hints:
            continue  # annotated with something else: no naming guess against the hint
        elif model.looks_like_tensor(name):
            result.tensor.append(Assumption("tensor_parameter", (
                f"{why}; parameter `{name}` is conventionally named for a tensor")))
        elif model.looks_like_primitive(name):
            result.primitive.append(Assumption("primitive_parameter", (
                f"{why}; parameter `{name}` is conventionally named for a Python scalar")))
    return result
