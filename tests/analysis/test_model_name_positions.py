"""The API model's ``name_argument`` table is TensorFlow's: for every op listed, the positional
slot the model calls ``name`` is the ``name`` parameter of the installed TensorFlow's signature
(read in a subprocess: TensorFlow never shares a process with the JVM)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hybridize.analysis.models import tensorflow_model

_READ_SIGNATURES = """
import inspect, json, sys
import tensorflow as tf
out = {}
for api in json.loads(sys.argv[1]):
    obj = tf
    for part in api.split(".")[1:]:
        obj = getattr(obj, part)
    positional = [p.name for p in inspect.signature(obj).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    out[api] = positional.index("name") if "name" in positional else None
print(json.dumps(out))
"""


@pytest.mark.tensorflow
def test_name_positions_match_the_installed_tensorflow() -> None:
    model = tensorflow_model()
    apis = sorted(model.name_positions)
    completed = subprocess.run([sys.executable, "-c", _READ_SIGNATURES, json.dumps(apis)],
                               capture_output=True, text=True, timeout=300, check=True)
    actual = json.loads(completed.stdout.strip().splitlines()[-1])
    assert actual == {api: model.name_positions[api] for api in apis}


def test_the_rules_read_the_model() -> None:
    model = tensorflow_model()
    assert model.name_position("tensorflow.sqrt") == 1
    assert model.name_position("tensorflow.cast") == 2
    assert model.name_position("tensorflow.reduce_sum") == 3
    assert model.name_position("tensorflow.convert_to_tensor") == 3  # after dtype_hint
    assert model.is_numpy_on_values("numpy.square")
    assert not model.is_numpy_on_values("numpy.shape")  # reads the static shape
    assert model.is_eager_only_on_tensors("builtins.bool")
    assert not model.is_eager_only_on_tensors("builtins.float")  # AutoGraph: tf.cast
