"""Input signatures: the ``tf.TensorSpec`` per parameter that every call site's tensors fit.

The shapes and dtypes come from WALA (Java's ``InputSignatures``: each tensor's shape at its
allocation, joined over the call sites' points-to sets); here they are assembled into one
signature per function in parameter order, and compared with a signature the decorator
already supplies (P5 replaces a supplied one that is tighter than the call sites or
incomparable with them; a broader one is kept).
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hybridize.bridge.wala import ParameterSpec, ShapeSource
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, Failure

Shape = tuple[int | None, ...] | None


@dataclass(frozen=True)
class TensorSpec:
    #: Axes (None: any length); None: any rank.
    shape: Shape
    dtype: str

    def accepts(self, other: TensorSpec) -> bool:
        """Whether every tensor ``other`` describes also fits this spec."""
        if self.dtype != other.dtype:
            return False
        if self.shape is None:
            return True
        if other.shape is None or len(other.shape) != len(self.shape):
            return False
        return all(mine is None or mine == theirs for mine, theirs in zip(self.shape, other.shape,
                                                                         strict=True))

    def to_json(self) -> dict[str, Any]:
        return {"shape": None if self.shape is None else list(self.shape), "dtype": self.dtype}


@dataclass(frozen=True)
class InputSignature:
    """The inferred signature of one function, or why there is none."""

    specs: tuple[TensorSpec, ...] | None
    reason: str | None = None
    #: Per parameter, the tensors that decided its spec (for ``explain``).
    sources: tuple[tuple[str, tuple[ShapeSource, ...]], ...] = ()

    @property
    def retraces(self) -> bool:
        """Whether the call sites pass some parameter tensors of different shapes: without a
        signature the function traces once per shape."""
        return any(len({(s.shape, s.dtype) for s in sources}) > 1 for _, sources in self.sources)

    def to_json(self) -> list[dict[str, Any]] | None:
        return None if self.specs is None else [spec.to_json() for spec in self.specs]

    def withheld(self, hazards: tuple[Failure, ...]) -> InputSignature:
        """No signature, because writing it is a hazard (the rules that withhold it)."""
        if self.specs is None and self.reason is not None:
            return self
        why = "; ".join(f"{f.evidence[0].what} ({f.rule})" if f.evidence else f.message
                        for f in hazards)
        return InputSignature(None, f"withheld: {why}", self.sources)

    def evidence(self) -> list[Evidence]:
        """Where each parameter's axes and dtype came from."""
        return [Evidence(source.file or "", source.line or 0,
                         f"`{parameter}` receives {source.api}: "
                         f"{_shape_text(source.shape)} {source.dtype or 'unknown dtype'}",
                         source.span)
                for parameter, sources in self.sources for source in sources]


class Relation(enum.Enum):
    """How a supplied signature relates to the inferred one."""

    SAME = "same"
    #: The supplied one accepts everything the call sites pass, and more: kept.
    BROADER = "broader"
    #: The call sites pass tensors the supplied one rejects: replaced (P5).
    TIGHTER = "tighter"
    #: Neither accepts the other: replaced (P5).
    INCOMPARABLE = "incomparable"


def compare(supplied: tuple[TensorSpec, ...], inferred: tuple[TensorSpec, ...]) -> Relation:
    if len(supplied) != len(inferred):
        return Relation.INCOMPARABLE
    pairs = list(zip(supplied, inferred, strict=True))
    wider = all(s.accepts(i) for s, i in pairs)
    narrower = all(i.accepts(s) for s, i in pairs)
    if wider and narrower:
        return Relation.SAME
    if wider:
        return Relation.BROADER
    return Relation.TIGHTER if narrower else Relation.INCOMPARABLE


def signature_parameters(fn: FunctionDef) -> tuple[list[str], str | None]:
    """The parameters a signature covers (positional ones, without the receiver), or why a
    signature cannot describe the function's parameters."""
    args = fn.node.args
    if args.vararg or args.kwarg or args.kwonlyargs:
        return [], "the function takes *args, **kwargs or keyword-only parameters, which an " \
                   "input signature cannot describe"
    names = [a.arg for a in (*args.posonlyargs, *args.args)]
    if fn.receiver is not None:
        names = names[1:]
    elif fn.enclosing_class is not None and names and any(
            ast.unparse(d) == "classmethod" for d in fn.node.decorator_list):
        names = names[1:]
    return names, None


def infer_signature(fn: FunctionDef, parameters: Mapping[str, ParameterSpec] | None
                    ) -> InputSignature:
    """The signature WALA's shapes give ``fn``: one spec per parameter, or the first reason
    some parameter has none."""
    names, reason = signature_parameters(fn)
    if reason is not None:
        return InputSignature(None, reason)
    if parameters is None:
        return InputSignature(None, "the analysis has no call-graph node for the function")
    if not names:
        return InputSignature(None, "the function has no parameters to describe")
    specs: list[TensorSpec] = []
    sources = tuple((name, parameters[name].sources) for name in names if name in parameters)
    for name in names:
        spec = parameters.get(name)
        if spec is None:
            return InputSignature(None, f"no call site passes `{name}`", sources)
        if spec.reason is not None or spec.dtype is None:
            return InputSignature(None, spec.reason or f"the dtype of `{name}` is unknown", sources)
        specs.append(TensorSpec(spec.shape, spec.dtype))
    return InputSignature(tuple(specs), None, sources)


def supplied_signature(text: str) -> tuple[TensorSpec, ...] | None:
    """The ``input_signature=`` a decorator supplies, when it is a literal list of
    ``TensorSpec(shape, dtype)`` (any module spelling); None for anything else."""
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(tree, (ast.List, ast.Tuple)):
        return None
    specs = [_spec(element) for element in tree.elts]
    return None if any(s is None for s in specs) else tuple(s for s in specs if s is not None)


def _spec(node: ast.expr) -> TensorSpec | None:
    if not isinstance(node, ast.Call) or not ast.unparse(node.func).endswith("TensorSpec"):
        return None
    arguments: dict[str, ast.expr] = dict(zip(("shape", "dtype"), node.args, strict=False))
    arguments.update({k.arg: k.value for k in node.keywords if k.arg})
    shape = _shape(arguments.get("shape"))
    dtype_node = arguments.get("dtype")
    if dtype_node is None:
        dtype = "float32"  # TensorSpec's default
    elif isinstance(dtype_node, ast.Attribute):
        dtype = dtype_node.attr
    elif isinstance(dtype_node, ast.Constant) and isinstance(dtype_node.value, str):
        dtype = dtype_node.value
    else:
        return None
    if isinstance(shape, bool):
        return None
    return TensorSpec(shape, dtype)


def _shape(node: ast.expr | None) -> Shape | bool:
    """A literal shape; False when it is not one."""
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return None
    if not isinstance(node, (ast.List, ast.Tuple)):
        return False
    axes: list[int | None] = []
    for axis in node.elts:
        if not isinstance(axis, ast.Constant) or not isinstance(axis.value, (int, type(None))):
            return False
        axes.append(axis.value)
    return tuple(axes)


def _shape_text(shape: Shape) -> str:
    if shape is None:
        return "unknown rank"
    return "[" + ", ".join("None" if axis is None else str(axis) for axis in shape) + "]"
