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

from dataclasses import dataclass, field

from hybridize.analysis.hints import ModuleImports, hint_names
from hybridize.analysis.models import ApiModel, FrameworkMethod
from hybridize.parse.functions import FunctionDef
from hybridize.report import Assumption
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
              settings: AnalysisSettings, has_call_sites: bool) -> Speculation:
    """Assumptions for a function whose callers the call graph may not show."""
    result = Speculation()
    if not settings.speculative:
        return result
    contract = framework_method(model, fn, family)
    if contract is None and has_call_sites:
        return result  # an ordinary function whose callers the analysis sees
    why = (f"the framework calls `{fn.name}`" if contract is not None
           else "no call site in the project calls it")
    args = fn.node.args
    arguments = [a for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]
                 if a.arg != fn.receiver]
    for position, argument in enumerate(arguments):
        hints = hint_names(argument.annotation, imports) if (
            argument.annotation is not None and settings.type_hints) else []
        _speculate_parameter(result, model, contract, why, position, argument.arg, hints)
    return result


def _speculate_parameter(result: Speculation, model: ApiModel, contract: FrameworkMethod | None,
                         why: str, position: int, name: str, hints: list[str]) -> None:
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
        return  # annotated with something else: no naming guess against the hint
    elif model.looks_like_tensor(name):
        result.tensor.append(Assumption("tensor_parameter", (
            f"{why}; parameter `{name}` is conventionally named for a tensor")))
    elif model.looks_like_primitive(name):
        result.primitive.append(Assumption("primitive_parameter", (
            f"{why}; parameter `{name}` is conventionally named for a Python scalar")))
