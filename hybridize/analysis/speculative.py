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

from hybridize.analysis.facts import PassedValue
from hybridize.analysis.hints import ModuleImports, hint_names
from hybridize.analysis.models import ApiModel, FrameworkMethod
from hybridize.parse.functions import FunctionDef
from hybridize.report import Assumption, AssumptionBasis
from hybridize.settings import AnalysisSettings


@dataclass
class Speculation:
    tensor: list[Assumption] = field(default_factory=list)
    primitive: list[Assumption] = field(default_factory=list)


def framework_method(model: ApiModel, fn: FunctionDef, family: str | None
                     ) -> FrameworkMethod | None:
    """The framework's contract for this method, if the framework calls it.

    ``family`` is what WALA's class hierarchy says of the method's class: "keras" or
    "callback" when it derives (through project classes) one of the framework's bases.
    """
    if family is None or fn.enclosing_class is None:
        return None
    return model.framework_methods.get(family, {}).get(fn.name)


def _matches_spec(spec: tuple[str, ...], position: int, name: str) -> bool:
    return f"#{position}" in spec or name in spec


def speculate(model: ApiModel, fn: FunctionDef, family: str | None, imports: ModuleImports,
              settings: AnalysisSettings, has_call_sites: bool,
              values: dict[str, list[PassedValue]] | None = None) -> Speculation:
    """Assumptions for a function whose callers the call graph may not show, and tensor hints
    on parameters whose passed ``values`` WALA cannot type."""
    result = Speculation()
    if not settings.speculative:
        return result
    contract = framework_method(model, fn, family)
    if contract is None and has_call_sites:
        # An ordinary function whose callers the analysis sees: only a hint on a parameter
        # whose values are all opaque says more than WALA's facts.
        if settings.type_hints:
            result.tensor = _hints_over_opaque_values(model, fn, imports, values or {})
        return result
    why = (f"the framework calls `{fn.name}`" if contract is not None
           else "no call site in the project calls it")
    for position, argument in enumerate(_parameters(fn)):
        hints = hint_names(argument.annotation, imports) if (
            argument.annotation is not None and settings.type_hints) else []
        _speculate_parameter(result, model, contract, why, position, argument.arg, hints)
    return result


def _parameters(fn: FunctionDef) -> list[ast.arg]:
    """The parameters a caller passes (the receiver of a method is not one)."""
    args = fn.node.args
    return [a for a in [*args.posonlyargs, *args.args, *args.kwonlyargs] if a.arg != fn.receiver]


def _hints_over_opaque_values(model: ApiModel, fn: FunctionDef, imports: ModuleImports,
                              values: dict[str, list[PassedValue]]) -> list[Assumption]:
    """A tensor hint decides a parameter of a called function when every value its call sites
    pass is an object the API model does not type. A value WALA knows (a Python scalar, None, a
    project object, a NumPy array) is a fact no hint overrides."""
    found = []
    for argument in _parameters(fn):
        passed = values.get(argument.arg, [])
        if argument.annotation is None or not passed or not all(v.opaque for v in passed):
            continue
        hint = next((h for h in hint_names(argument.annotation, imports)
                     if model.is_tensor_hint(h)), None)
        if hint:
            found.append(Assumption("tensor_parameter", (
                f"parameter `{argument.arg}` is annotated `{hint}` and its call sites pass only "
                f"values the API model does not type ({passed[0].what})"),
                AssumptionBasis.TYPE_HINT))
    return found


def _speculate_parameter(result: Speculation, model: ApiModel, contract: FrameworkMethod | None,
                         why: str, position: int, name: str, hints: list[str]) -> None:
    tensor_hint = next((h for h in hints if model.is_tensor_hint(h)), None)
    primitive_hint = next((h for h in hints if model.is_primitive_hint(h)), None)
    if tensor_hint:
        result.tensor.append(Assumption("tensor_parameter", (
            f"{why}; parameter `{name}` is annotated `{tensor_hint}`"), AssumptionBasis.TYPE_HINT))
    elif primitive_hint:
        result.primitive.append(Assumption("primitive_parameter", (
            f"{why}; parameter `{name}` is annotated `{primitive_hint}`"),
            AssumptionBasis.TYPE_HINT))
    elif contract is not None and _matches_spec(contract.tensor, position, name):
        result.tensor.append(Assumption("tensor_parameter", (
            f"{why} and passes a tensor to `{name}`"), AssumptionBasis.FRAMEWORK))
    elif contract is not None and _matches_spec(contract.primitive, position, name):
        result.primitive.append(Assumption("primitive_parameter", (
            f"{why} and passes a Python scalar to `{name}`"), AssumptionBasis.FRAMEWORK))
    elif hints:
        return  # annotated with something else: no naming guess against the hint
    elif model.looks_like_tensor(name):
        result.tensor.append(Assumption("tensor_parameter", (
            f"{why}; parameter `{name}` is conventionally named for a tensor"),
            AssumptionBasis.NAMING))
    elif model.looks_like_primitive(name):
        result.primitive.append(Assumption("primitive_parameter", (
            f"{why}; parameter `{name}` is conventionally named for a Python scalar"),
            AssumptionBasis.NAMING))
