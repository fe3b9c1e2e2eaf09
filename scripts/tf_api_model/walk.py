"""The public TensorFlow API: every exported callable under ``tf.`` (Keras through ``tf.keras``)
and the public methods of the classes whose values the analysis tracks."""

from __future__ import annotations

import inspect
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: Modules that are not TensorFlow 2's API: the TF1 compatibility copy, and Keras' legacy copy.
SKIPPED_MODULES = ("tensorflow.compat.v1", "tensorflow.compat.v2", "tensorflow.keras.legacy")
#: API modules: the ones TensorFlow's API generator writes (under ``tensorflow/_api``), and
#: Keras' (tf.keras is Keras' own API package; ``keras.src`` is its implementation). Other
#: modules reachable by attribute (``tf.dtensor.python``) are internals.
TF_API_FOLDER = "/tensorflow/_api/"
#: Dunder methods that are part of a class' behaviour on values (operators, iteration, calls).
PUBLIC_DUNDERS = frozenset({
    "__call__", "__iter__", "__next__", "__len__", "__bool__", "__getitem__", "__abs__",
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__",
    "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__pow__", "__rpow__",
    "__matmul__", "__rmatmul__", "__neg__", "__invert__", "__and__", "__rand__", "__or__",
    "__ror__", "__xor__", "__rxor__", "__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__",
    "__enter__", "__array__", "__int__", "__float__", "__index__",
})


@dataclass(frozen=True)
class Callable:
    """One public callable: ``tensorflow.math.add`` or the method ``numpy`` of ``tf.Tensor``."""

    #: The dotted API path (``tensorflow.math.add``), or the class' path for a method.
    path: str
    obj: Any
    #: The method's name, for a method; None for a module-level callable.
    method: str | None = None
    #: The class the method is read from (its properties are not called).
    owner: type | None = None


def public_callables(tf: types.ModuleType) -> Iterator[Callable]:
    """Every public callable reachable from module ``tf`` by public names, once per name: a
    module reachable by two paths (``tf.optimizers`` is ``tf.keras.optimizers``) is walked
    once, and its callables are named under both."""
    walked: dict[int, str] = {}
    aliases: list[tuple[str, str]] = []
    found = list(_walk(tf, walked, aliases))
    yield from found
    for alias, walked_path in aliases:
        for c in found:
            if c.path.startswith(walked_path + "."):
                yield Callable(alias + c.path[len(walked_path):], c.obj)


def _walk(tf: types.ModuleType, walked: dict[int, str], aliases: list[tuple[str, str]]) -> Iterator[Callable]:
    stack: list[tuple[str, Any]] = [("tensorflow", tf)]
    while stack:
        path, module = stack.pop()
        if path.startswith(SKIPPED_MODULES):
            continue
        if id(module) in walked:
            aliases.append((path, walked[id(module)]))
            continue
        walked[id(module)] = path
        for name in sorted(_public_names(module)):
            try:
                obj = getattr(module, name)
            except Exception:  # a lazy module that cannot load here (an optional dependency)
                continue
            dotted = f"{path}.{name}"
            if isinstance(obj, types.ModuleType):
                if _is_api_module(obj):
                    stack.append((dotted, obj))
            elif callable(obj):
                yield Callable(dotted, obj)
                if inspect.isclass(obj) and obj.__module__.startswith(("tensorflow", "keras")):
                    yield from _class_level_functions(dotted, obj)


def public_methods(path: str, cls: type) -> Iterator[Callable]:
    """The public methods and properties of class ``cls`` (inherited ones included)."""
    for name in sorted(dir(cls)):
        if name.startswith("_") and name not in PUBLIC_DUNDERS:
            continue
        try:
            member = inspect.getattr_static(cls, name)
        except AttributeError:
            continue
        if isinstance(member, (staticmethod, classmethod)):
            member = member.__func__
        if isinstance(member, property) or callable(member):
            yield Callable(path, member, name, cls)


def _class_level_functions(path: str, cls: type) -> Iterator[Callable]:
    """Static and class methods, called through the class (``tf.RaggedTensor.from_row_lengths``,
    ``tf.data.Dataset.range``): API paths of their own."""
    for name in sorted(dir(cls)):
        if name.startswith("_"):
            continue
        try:
            member = inspect.getattr_static(cls, name)
        except AttributeError:
            continue
        if isinstance(member, (staticmethod, classmethod)):
            yield Callable(f"{path}.{name}", getattr(cls, name))


def _public_names(module: Any) -> list[str]:
    try:
        names = dir(module)
    except Exception:
        return []
    return [n for n in names if not n.startswith("_")]


def _is_api_module(module: types.ModuleType) -> bool:
    name = module.__name__
    if name.startswith("keras."):
        return not name.startswith("keras.src")
    return name.startswith("tensorflow._api.") or TF_API_FOLDER in (getattr(module, "__file__", "") or "")
