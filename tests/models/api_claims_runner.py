"""Calls TensorFlow APIs on small inputs and says what kind of value each gave, in its own
process (TensorFlow never runs beside the JVM).

    python api_claims_runner.py JOBS.json  ->  one JSON object on the last line of stdout

``JOBS.json`` holds ``{"calls": {KEY: EXPRESSION}, "tries": {API_PATH: [ARGUMENTS, ...]}}``.
Each expression is evaluated with ``tf``, ``np``, ``keras``, ``tnp`` and the small values of
``_values()`` in scope; each ``tries`` API is called with each argument list (itself an
expression) until one does not raise. The result maps each key or path to the kind of what it
gave, in the words of ``value_kinds`` (``hybridize/models/tensorflow.json``), or to
``"raised: ..."``.

The kinds are read off the live value, independently of how the generator derives them:
a Dataset, a Variable, a tensor (``tf.is_tensor``: dense, ragged, sparse), a Keras layer, loss
or metric, a TensorFlow stateful helper (optimizer, GradientTape, TensorArray, Checkpoint,
learning-rate schedule), a Python scalar, a non-empty list/tuple/dict of tensors, else other.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

_TF_OBJECTS = (keras.optimizers.Optimizer, tf.GradientTape, tf.TensorArray, tf.train.Checkpoint,
               keras.optimizers.schedules.LearningRateSchedule)
_KERAS_OBJECTS = (keras.layers.Layer, keras.losses.Loss, keras.metrics.Metric)


def kind_of(value: Any) -> str:
    if isinstance(value, tf.data.Dataset):
        return "dataset"
    if isinstance(value, (tf.Variable, keras.Variable)):
        return "variable"
    if tf.is_tensor(value):
        return "tensor"
    if isinstance(value, _KERAS_OBJECTS):
        return "keras_object"
    if isinstance(value, _TF_OBJECTS):
        return "tf_object"
    for scalar in (bool, int, float, str):  # bool first: a bool is an int
        if type(value) is scalar:
            return scalar.__name__
    if isinstance(value, (list, tuple, dict)):
        leaves = tf.nest.flatten(value)
        if leaves and all(tf.is_tensor(leaf) for leaf in leaves):
            return "tensor_container"
    return "other"


def _values() -> dict[str, Any]:
    """The small inputs the expressions use."""
    return {
        "tf": tf, "np": np, "keras": keras, "tnp": tf.experimental.numpy,
        "x": tf.constant([1.0, 2.0, 3.0]),
        "m": tf.constant([[2.0, 1.0], [1.0, 3.0]]),
        "i": tf.constant([1, 2, 3]),
        "flags": tf.constant([True, False, True]),
        "words": tf.constant(["ab", "cde"]),
        "st": tf.sparse.from_dense(tf.constant([[0.0, 1.0], [2.0, 0.0]])),
        "rt": tf.RaggedTensor.from_row_lengths(tf.constant([1, 2, 3]), [1, 2]),
        "ds": tf.data.Dataset.range(4),
        "v": tf.Variable([1.0, 2.0]),
        "ta": tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, 2.0),
    }


def _evaluate(expression: str, scope: dict[str, Any]) -> str:
    try:
        return kind_of(eval(expression, scope))  # noqa: S307 - the test's own expressions
    except Exception as error:  # noqa: BLE001 - reported, the test decides
        return f"raised: {type(error).__name__}: {str(error)[:160]}"


def _resolve(path: str) -> Any:
    value: Any = tf
    for part in path.split(".")[1:]:
        value = getattr(value, part)
    return value


def main(jobs_path: str) -> int:
    jobs = json.loads(open(jobs_path, encoding="utf-8").read())
    scope = _values()
    result = {key: _evaluate(expression, scope) for key, expression in jobs["calls"].items()}
    for path, argument_lists in jobs["tries"].items():
        scope["api"] = _resolve(path)
        kinds = [_evaluate(f"api({arguments})", scope) for arguments in argument_lists]
        result[path] = next((k for k in kinds if not k.startswith("raised")), kinds[-1])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
