"""The one vocabulary of value kinds, as WALA's facts name them.

Defined once in the API model's data (``value_kinds`` in ``hybridize/models/tensorflow.json``),
with one enum on each side of the bridge: this one and Java's
``org.hybridize.wala.cg.ValueKind``. A test checks that the three agree. What an argument of
a library call may be is a ``ValueKind`` with two facts beside it (``ArgumentFact``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ValueKind(str, enum.Enum):
    """What a value is, as far as hybridization cares (``value_kinds`` of the model; Java's
    ``org.hybridize.wala.cg.ValueKind`` has the same names)."""

    TENSOR = "tensor"
    VARIABLE = "variable"
    DATASET = "dataset"
    KERAS_OBJECT = "keras_object"
    TF_OBJECT = "tf_object"
    VARIABLE_LIST = "variable_list"
    TENSOR_LIST = "tensor_list"
    INT_SEQUENCE = "int_sequence"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    STR = "str"
    METHOD = "method"
    TENSOR_CONTAINER = "tensor_container"
    PRIMITIVE_CONTAINER = "primitive_container"
    BOOL_CONTAINER = "bool_container"
    NONE = "none"
    OTHER = "other"


#: Passed values that make a parameter a tensor parameter.
TENSOR_VALUES = frozenset({ValueKind.TENSOR, ValueKind.TENSOR_CONTAINER})
#: Passed values that make a parameter a primitive parameter: Python scalars retrace a graph
#: per value. Booleans do not (as the reference tool counts by default): a bool retraces at
#: most twice.
PRIMITIVE_VALUES = frozenset({ValueKind.INT, ValueKind.FLOAT, ValueKind.STR,
                              ValueKind.PRIMITIVE_CONTAINER})
#: Python booleans, and containers holding booleans and no other scalar: reported, not counted.
BOOLEAN_VALUES = frozenset({ValueKind.BOOL, ValueKind.BOOL_CONTAINER})


@dataclass(frozen=True)
class ArgumentFact:
    """One object an argument of a library call may be, as WALA's pointer analysis types it
    (Java's ``org.hybridize.analysis.ArgumentKinds.Kind``)."""

    #: ``TENSOR_CONTAINER`` for a tuple, list or dict holding tensors; ``NONE`` for None;
    #: ``OTHER`` for anything the vocabulary has no kind for.
    kind: ValueKind
    #: A number literal Python treats as false (``0``, ``0.0``, ``False``): TensorFlow tests
    #: ``if name:``, so such a value acts like None there.
    falsy: bool = False
    #: For an untyped library object (kind ``OTHER``): its API path (``tensorflow.float32``).
    library_path: str | None = None
