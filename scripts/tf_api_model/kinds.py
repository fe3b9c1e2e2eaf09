"""The kind of a public callable's result, from what TensorFlow itself declares.

Tried in order, the first that answers wins (its name is recorded as the derivation):

    class        a class' constructor makes an instance: its kind by the class' bases
    op_def       a generated op wrapper (``gen_*_ops``, ``tf.raw_ops``): its op definition's
                 output arguments (none: an Operation; a list or several: a container)
    elementwise  an API TensorFlow registers as unary/binary elementwise (``dispatch``)
    annotation   the return annotation
    docstring    the first sentence of the ``Returns:`` section
    numpy        a NumPy variant (``tf.experimental.numpy``, whose ndarray is tf.Tensor,
                 declares each function "TensorFlow variant of NumPy's `f`"): an ndarray
                 where NumPy's own ``f`` documents one
    delegation   every ``return`` returns a call of a callable of known kind (``delegation.py``)
"""


from __future__ import annotations

import inspect
import re
import typing
from dataclasses import dataclass
from typing import Any

from .delegation import delegated_kind
from .docstrings import kind_of_returns, numpy_returns_type, returns_text
from .walk import Callable


@dataclass(frozen=True)
class Derived:
    kind: str
    source: str


class KindDeriver:
    """Derives result kinds with the installed TensorFlow's own declarations."""

    def __init__(self, tf: Any) -> None:
        import keras
        from tensorflow.python.framework import composite_tensor, op_def_registry
        from tensorflow.python.util import dispatch, tf_decorator

        self._unwrap = tf_decorator.unwrap
        self._op_defs = op_def_registry
        # Generated op wrappers by (module, function name) -> op name, as tf.raw_ops exports them.
        self._raw_ops = {(f.__module__, f.__name__): name for name, f in vars(tf.raw_ops).items()
                         if not name.startswith("_") and callable(f)}
        self._elementwise = {id(f) for f in (*dispatch.unary_elementwise_apis(),
                                             *dispatch.binary_elementwise_apis())}
        # Class kinds, first match wins (a Dataset is a CompositeTensor too).
        self._class_kinds: tuple[tuple[tuple[type, ...], str], ...] = (
            ((tf.data.Dataset,), "dataset"),
            ((tf.Variable, keras.Variable), "variable"),
            ((tf.Tensor, composite_tensor.CompositeTensor), "tensor"),
            ((keras.layers.Layer, keras.losses.Loss, keras.metrics.Metric), "keras_object"),
            ((keras.optimizers.Optimizer, tf.GradientTape, tf.TensorArray, tf.train.Checkpoint,
              tf.optimizers.schedules.LearningRateSchedule), "tf_object"),
        )
        self._memo: dict[tuple[int, int], tuple[Any, Derived | None]] = {}
        # Modules whose "arrays" are TensorFlow tensors: NumPy on TensorFlow declares its
        # ndarray to be tf.Tensor, Keras ops return the backend's tensors.
        from keras.src.ops.operation import Operation

        self._symbolic = frozenset({id(Operation.symbolic_call)})
        self._tnp_is_tf = tf.experimental.numpy.ndarray is tf.Tensor
        self._array_namespaces = tuple(
            prefix for prefix, holds in (
                ("tensorflow.python.ops.numpy_ops.", self._tnp_is_tf),
                ("keras.src.ops.", keras.backend.backend() == "tensorflow"),
                ("keras.src.backend.tensorflow.", True))
            if holds)

    def derive(self, c: Callable) -> Derived | None:
        """The kind of what calling (or, for a property, reading) ``c`` gives, or None."""
        obj = c.obj.fget if isinstance(c.obj, property) else c.obj
        # Bound methods are made afresh on each read: key them by function and class. The
        # memo keeps each object alive, so that no id is reused for another.
        key = (id(obj.__func__), id(obj.__self__)) if inspect.ismethod(obj) else (id(obj), 0)
        if key not in self._memo:
            self._memo[key] = (obj, None)  # a cycle of delegations stays unknown
            module = getattr(self._unwrap(obj)[1], "__module__", None) or ""
            self._memo[key] = (obj, self._derive(obj, module.startswith(self._array_namespaces)))
        return self._memo[key][1]

    def _derive(self, obj: Any, arrays_are_tensors: bool) -> Derived | None:
        if inspect.isclass(obj):
            return Derived(self.class_kind(obj), "class")
        _, target = self._unwrap(obj)
        op = self._op_kind(target)
        if op is not None:
            return Derived(op, "op_def")
        if id(obj) in self._elementwise or id(target) in self._elementwise:
            return Derived("tensor", "elementwise")
        annotated = self._annotation_kind(target)
        if annotated is not None:
            return Derived(annotated, "annotation")
        text = returns_text(target) or returns_text(obj)
        kind = kind_of_returns(text, arrays_are_tensors) if text else None
        if kind:
            return Derived(kind, "docstring")
        numpy_kind = self._numpy_variant_kind(obj)
        if numpy_kind:
            return Derived(numpy_kind, "numpy")
        delegated = delegated_kind(target, self._kind_of_callee, self._symbolic)
        return Derived(delegated, "delegation") if delegated else None

    def _numpy_variant_kind(self, obj: Any) -> str | None:
        import numpy

        variant = _NUMPY_VARIANT.match(inspect.getdoc(obj) or "")
        if variant is None or not self._tnp_is_tf:
            return None
        original: Any = numpy
        for part in variant.group(1).split("."):
            original = getattr(original, part, None)
        text = numpy_returns_type(original) if original is not None else None
        if text is None:
            return None
        if re.search(r"\bbool\b", text) and "ndarray" not in text:
            return "bool"
        return "tensor" if re.search(r"\b(nd)?arrays?\b|\bscalar\b", text) else None

    def _kind_of_callee(self, callee: Any) -> str | None:
        if not callable(callee):
            return None
        derived = self.derive(Callable("", callee))
        return derived.kind if derived else None

    def class_kind(self, cls: type) -> str:
        for bases, kind in self._class_kinds:
            if issubclass(cls, bases):
                return kind
        return "other"

    def _op_kind(self, target: Any) -> str | None:
        key = (getattr(target, "__module__", None), getattr(target, "__name__", None))
        op_name = self._raw_ops.get(key)  # type: ignore[arg-type]
        if op_name is None:
            return None
        op_def = self._op_defs.get(op_name)
        if op_def is None:
            return None
        outputs = op_def.output_arg
        if not outputs:
            return "other"  # an Operation in a graph, None when eager
        if len(outputs) > 1 or outputs[0].number_attr or outputs[0].type_list_attr:
            return "tensor_container"
        return "tensor"

    def _annotation_kind(self, target: Any) -> str | None:
        try:
            annotation = inspect.signature(target).return_annotation
        except (TypeError, ValueError):
            return None
        if annotation is inspect.Signature.empty:
            return None
        if inspect.isclass(annotation):
            if annotation in (bool, int, float, str):
                return annotation.__name__
            if annotation is type(None):
                return "other"
            kind = self.class_kind(annotation)
            return kind
        if annotation is None or typing.get_origin(annotation) is type:
            return "other"  # None, or a class (``Type[SerializedDType]``)
        return _annotation_name_kind(str(annotation))


_NUMPY_VARIANT = re.compile(r"^TensorFlow variant of NumPy's `([\w.]+)`")

#: String annotations (``"DatasetV2"``) by the class they name.
_ANNOTATION_NAMES = {
    "DatasetV2": "dataset", "Dataset": "dataset", "Tensor": "tensor", "RaggedTensor": "tensor",
    "SparseTensor": "tensor", "Variable": "variable", "bool": "bool", "int": "int",
    "float": "float", "str": "str", "None": "other", "TensorShape": "other",
}


def _annotation_name_kind(name: str) -> str | None:
    name = name.strip("'\"").rpartition(".")[2]
    if name.endswith(("Spec", "DType", "Proto")):
        return "other"  # a type spec, a dtype, a protocol buffer
    return _ANNOTATION_NAMES.get(name)
