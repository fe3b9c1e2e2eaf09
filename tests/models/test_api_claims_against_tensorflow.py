"""A sample of the generated model's claims (hybridize/models/tensorflow_api.json, with its
overrides) checked against TensorFlow: each API is called on small inputs in a TensorFlow
subprocess (``api_claims_runner.py``) and the kind of what it gave must be the kind claimed.

The sample holds APIs of every derivation (class, op_def, elementwise, annotation, docstring,
numpy, delegation, override), every API family of issue 12, Keras, NumPy-on-TensorFlow and
methods of TensorFlow's classes; beside it, every ``tf.math`` API the model calls a tensor is
tried on a vector (float, then int, then two of them)."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

RUNNER = Path(__file__).with_name("api_claims_runner.py")

#: API path (or CLASS_PATH#method) -> an expression that calls it on small inputs.
FUNCTION_CALLS = {
    # The families of issue 12.
    "tensorflow.cond": "tf.cond(x[0] > 0.0, lambda: x, lambda: -x)",
    "tensorflow.while_loop": "tf.while_loop(lambda k: k < 3, lambda k: (k + 1,), (tf.constant(0),))",
    "tensorflow.map_fn": "tf.map_fn(lambda e: e * e, x)",
    "tensorflow.scan": "tf.scan(lambda acc, e: acc + e, x)",
    "tensorflow.switch_case": "tf.switch_case(tf.constant(1), [lambda: x, lambda: -x])",
    "tensorflow.meshgrid": "tf.meshgrid(x, x)",
    "tensorflow.dynamic_partition": "tf.dynamic_partition(x, tf.constant([0, 1, 0]), 2)",
    "tensorflow.dynamic_stitch": "tf.dynamic_stitch([tf.constant([0, 2]), tf.constant([1])], "
                                 "[tf.constant([1.0, 3.0]), tf.constant([2.0])])",
    "tensorflow.clip_by_global_norm": "tf.clip_by_global_norm([x, x], 1.0)",
    "tensorflow.clip_by_value": "tf.clip_by_value(x, 0.0, 2.0)",
    "tensorflow.RaggedTensor.from_row_lengths": "tf.RaggedTensor.from_row_lengths(i, [2, 1])",
    "tensorflow.RaggedTensor.from_value_rowids": "tf.RaggedTensor.from_value_rowids(i, [0, 0, 2])",
    "tensorflow.RaggedTensor.from_row_splits": "tf.RaggedTensor.from_row_splits(i, [0, 1, 3])",
    "tensorflow.RaggedTensor.from_tensor": "tf.RaggedTensor.from_tensor(m)",
    "tensorflow.sparse.from_dense": "tf.sparse.from_dense(m)",
    "tensorflow.sparse.to_dense": "tf.sparse.to_dense(st)",
    "tensorflow.sparse.add": "tf.sparse.add(st, st)",
    "tensorflow.sparse.reduce_sum": "tf.sparse.reduce_sum(st)",
    "tensorflow.sparse.concat": "tf.sparse.concat(0, [st, st])",
    "tensorflow.sparse.reshape": "tf.sparse.reshape(st, [4])",
    "tensorflow.sparse.eye": "tf.sparse.eye(2)",
    "tensorflow.sparse.split": "tf.sparse.split(sp_input=st, num_split=2, axis=1)",
    "tensorflow.sparse.SparseTensor": "tf.sparse.SparseTensor([[0, 1]], [3.0], [2, 2])",
    "tensorflow.data.Dataset.choose_from_datasets":
        "tf.data.Dataset.choose_from_datasets([ds, ds], tf.data.Dataset.range(2))",
    "tensorflow.data.Dataset.sample_from_datasets":
        "tf.data.Dataset.sample_from_datasets([ds, ds], seed=1)",
    "tensorflow.data.Dataset.range": "tf.data.Dataset.range(3)",
    "tensorflow.data.Dataset.zip": "tf.data.Dataset.zip(ds, ds)",
    # Tensors and containers of tensors.
    "tensorflow.shape": "tf.shape(m)",
    "tensorflow.rank": "tf.rank(m)",
    "tensorflow.unstack": "tf.unstack(m)",
    "tensorflow.split": "tf.split(x, 3)",
    "tensorflow.unique": "tf.unique(i)",
    "tensorflow.math.top_k": "tf.math.top_k(x, 2)",
    "tensorflow.nn.moments": "tf.nn.moments(x, [0])",
    "tensorflow.linalg.qr": "tf.linalg.qr(m)",
    "tensorflow.identity_n": "tf.identity_n([x, x])",
    "tensorflow.tuple": "tf.tuple([x, x])",
    "tensorflow.broadcast_to": "tf.broadcast_to(x, [2, 3])",
    "tensorflow.math.sin": "tf.math.sin(x)",
    "tensorflow.math.add": "tf.math.add(x, x)",
    "tensorflow.nn.relu": "tf.nn.relu(x)",
    "tensorflow.io.encode_base64": "tf.io.encode_base64(words)",
    "tensorflow.bitcast": "tf.bitcast(i, tf.uint32)",
    "tensorflow.strings.length": "tf.strings.length(words)",
    "tensorflow.strings.regex_full_match": "tf.strings.regex_full_match(words, 'a.*')",
    "tensorflow.strings.join": "tf.strings.join([words, words])",
    "tensorflow.strings.split": "tf.strings.split(words)",
    "tensorflow.cast": "tf.cast(i, tf.float32)",
    "tensorflow.math.logical_xor": "tf.math.logical_xor(flags, flags)",
    "tensorflow.image.adjust_brightness": "tf.image.adjust_brightness(tf.ones([2, 2, 3]), 0.1)",
    "tensorflow.convert_to_tensor": "tf.convert_to_tensor([1.0])",
    "tensorflow.reduce_sum": "tf.reduce_sum(x)",
    "tensorflow.einsum": "tf.einsum('ij,jk->ik', m, m)",
    "tensorflow.random.uniform": "tf.random.uniform([2])",
    "tensorflow.range": "tf.range(3)",
    "tensorflow.norm": "tf.norm(x)",
    "tensorflow.get_static_value": "tf.get_static_value(x)",
    "tensorflow.math.confusion_matrix": "tf.math.confusion_matrix([0, 1], [1, 1])",
    "tensorflow.experimental.numpy.sum": "tnp.sum(x)",
    "tensorflow.experimental.numpy.array": "tnp.array([1, 2])",
    "tensorflow.experimental.numpy.isscalar": "tnp.isscalar(x)",
    "tensorflow.experimental.numpy.array_equal": "tnp.array_equal(x, x)",
    "tensorflow.experimental.numpy.iscomplexobj": "tnp.iscomplexobj(x)",
    "tensorflow.keras.ops.allclose": "keras.ops.allclose(x, x)",
    "tensorflow.nest.is_nested": "tf.nest.is_nested([x])",
    "tensorflow.experimental.numpy.allclose": "tnp.allclose(x, x)",
    "tensorflow.keras.ops.sum": "keras.ops.sum(x)",
    "tensorflow.keras.ops.cond": "keras.ops.cond(True, lambda: x, lambda: -x)",
    "tensorflow.keras.activations.relu": "keras.activations.relu(x)",
    # Overrides.
    "tensorflow.py_function": "tf.py_function(lambda a: a * 2.0, [x], tf.float32)",
    "tensorflow.numpy_function": "tf.numpy_function(lambda a: a * 2.0, [x], tf.float32)",
    "tensorflow.linalg.eigh": "tf.linalg.eigh(m)",
    "tensorflow.linalg.svd": "tf.linalg.svd(m)",
    "tensorflow.linalg.eigvalsh": "tf.linalg.eigvalsh(m)",
    # Objects.
    "tensorflow.Variable": "tf.Variable(1.0)",
    "tensorflow.GradientTape": "tf.GradientTape()",
    "tensorflow.TensorArray": "tf.TensorArray(tf.float32, size=2)",
    "tensorflow.train.Checkpoint": "tf.train.Checkpoint()",
    "tensorflow.keras.layers.Dense": "keras.layers.Dense(2)",
    "tensorflow.keras.losses.MeanSquaredError": "keras.losses.MeanSquaredError()",
    "tensorflow.keras.metrics.Mean": "keras.metrics.Mean()",
    "tensorflow.keras.Sequential": "keras.Sequential()",
    "tensorflow.keras.optimizers.Adam": "keras.optimizers.Adam()",
    # Known non-tensors.
    "tensorflow.TensorShape": "tf.TensorShape([2])",
    "tensorflow.Module": "tf.Module()",
    "tensorflow.queue.FIFOQueue": "tf.queue.FIFOQueue(2, tf.float32)",
    "tensorflow.config.list_physical_devices": "tf.config.list_physical_devices('CPU')",
    "tensorflow.as_dtype": "tf.as_dtype('float32')",
    "tensorflow.make_ndarray": "tf.make_ndarray(tf.make_tensor_proto([1.0]))",
    "tensorflow.make_tensor_proto": "tf.make_tensor_proto([1.0])",
    "tensorflow.function": "tf.function(lambda: 1)",
    "tensorflow.data.experimental.assert_cardinality": "tf.data.experimental.assert_cardinality(2)",
    "tensorflow.keras.utils.to_categorical": "keras.utils.to_categorical([0, 1])",
    "tensorflow.no_op": "tf.no_op()",
    "tensorflow.print": "tf.print()",
    # Python scalars.
    "tensorflow.executing_eagerly": "tf.executing_eagerly()",
    "tensorflow.inside_function": "tf.inside_function()",
    "tensorflow.is_tensor": "tf.is_tensor(x)",
    "tensorflow.is_symbolic_tensor": "tf.is_symbolic_tensor(x)",
    "tensorflow.test.is_built_with_cuda": "tf.test.is_built_with_cuda()",
    "tensorflow.io.gfile.exists": "tf.io.gfile.exists('/nonexistent/hybridize')",
    "tensorflow.keras.backend.floatx": "keras.backend.floatx()",
    "tensorflow.keras.backend.epsilon": "keras.backend.epsilon()",
}

METHOD_CALLS = {
    "tensorflow.data.Dataset#map": "ds.map(lambda e: e + 1)",
    "tensorflow.data.Dataset#batch": "ds.batch(2)",
    "tensorflow.data.Dataset#reduce": "ds.reduce(tf.constant(0, tf.int64), lambda a, e: a + e)",
    "tensorflow.data.Dataset#cardinality": "ds.cardinality()",
    "tensorflow.data.Dataset#__len__": "ds.__len__()",
    "tensorflow.data.Dataset#as_numpy_iterator": "ds.as_numpy_iterator()",
    "tensorflow.Tensor#__getitem__": "x.__getitem__(0)",
    "tensorflow.Tensor#__neg__": "x.__neg__()",
    "tensorflow.Tensor#get_shape": "x.get_shape()",
    "tensorflow.Variable#read_value": "v.read_value()",
    "tensorflow.Variable#gather_nd": "v.gather_nd([[0]])",
    "tensorflow.TensorArray#stack": "ta.stack()",
    "tensorflow.TensorArray#read": "ta.read(0)",
    "tensorflow.RaggedTensor#to_tensor": "rt.to_tensor()",
    "tensorflow.RaggedTensor#row_lengths": "rt.row_lengths()",
    "tensorflow.RaggedTensor#numpy": "rt.numpy()",
    "tensorflow.SparseTensor#with_values": "st.with_values(st.values * 2.0)",
}

#: Argument lists tried, in order, on every ``tf.math`` API the model calls a tensor.
MATH_ARGUMENTS = ["x", "i", "x, x", "i, i", "flags", "flags, flags"]


@cache
def _claims() -> dict[str, tuple[str, str]]:
    """Claimed (kind, derivation) by API path and by CLASS_PATH#method; overrides win."""
    root = resources.files("hybridize").joinpath("models")
    generated = json.loads(root.joinpath("tensorflow_api.json").read_text("utf-8"))
    overrides = json.loads(root.joinpath("tensorflow_overrides.json").read_text("utf-8"))
    claims: dict[str, tuple[str, str]] = {}
    tables = [("", generated["functions"])]
    tables += [(f"{cls}#", spec["calls"]) for cls, spec in generated["methods"].items()]
    for prefix, table in tables:
        for kind, by_source in table["kinds"].items():
            for source, names in by_source.items():
                claims.update({prefix + name: (kind, source) for name in names})
    claims.update({name: (spec["kind"], "override")
                   for name, spec in overrides["functions"].items() if not name.startswith("_")})
    for cls, methods in overrides["methods"].items():
        claims.update({f"{cls}#{name}": (spec["kind"], "override")
                       for name, spec in methods.items() if not cls.startswith("_")})
    return claims


def _math_tensor_apis() -> list[str]:
    return sorted(name for name, (kind, _) in _claims().items()
                  if name.startswith("tensorflow.math.") and "#" not in name and kind == "tensor")


@cache
def _observed(tmp: Path) -> dict[str, str]:
    jobs = tmp / "jobs.json"
    jobs.write_text(json.dumps({"calls": {**FUNCTION_CALLS, **METHOD_CALLS},
                                "tries": dict.fromkeys(_math_tensor_apis(), MATH_ARGUMENTS)}))
    done = subprocess.run([sys.executable, str(RUNNER), str(jobs)], capture_output=True,
                          text=True, timeout=900, check=True)
    observed: dict[str, str] = json.loads(done.stdout.strip().splitlines()[-1])
    return observed


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _observed(tmp_path_factory.mktemp("claims"))


def test_the_sample_is_claimed_by_the_model_and_spans_every_derivation() -> None:
    claims = _claims()
    unclaimed = [name for name in [*FUNCTION_CALLS, *METHOD_CALLS] if name not in claims]
    assert not unclaimed, unclaimed
    root = resources.files("hybridize").joinpath("models")
    derivations = set(json.loads(root.joinpath("tensorflow_api.json").read_text("utf-8"))
                      ["derivations"]) | {"override"}
    sampled = {claims[name][1] for name in [*FUNCTION_CALLS, *METHOD_CALLS]}
    assert sampled == derivations
    assert len(_math_tensor_apis()) > 100


@pytest.mark.tensorflow
def test_each_sampled_api_gives_the_kind_the_model_claims(observed: dict[str, str]) -> None:
    claims = _claims()
    wrong = {name: {"claimed": claims[name], "observed": observed[name]}
             for name in [*FUNCTION_CALLS, *METHOD_CALLS] if observed[name] != claims[name][0]}
    assert not wrong, json.dumps(wrong, indent=1)


@pytest.mark.tensorflow
def test_every_math_api_the_model_calls_a_tensor_gives_one(observed: dict[str, str]) -> None:
    apis = _math_tensor_apis()
    called = {name: observed[name] for name in apis if not observed[name].startswith("raised")}
    # Most take one or two vectors; the rest want other arguments and are not judged here.
    assert len(called) >= 0.8 * len(apis), sorted(set(apis) - set(called))
    wrong = {name: kind for name, kind in called.items() if kind != "tensor"}
    assert not wrong, wrong


@pytest.mark.tensorflow
def test_a_wrong_claim_is_caught(tmp_path: Path) -> None:
    """The runner tells kinds apart: claims turned wrong on purpose disagree with TensorFlow."""
    jobs = tmp_path / "jobs.json"
    jobs.write_text(json.dumps({"calls": {"meshgrid": FUNCTION_CALLS["tensorflow.meshgrid"],
                                          "shape": "x.shape", "flag": "tf.executing_eagerly()",
                                          "dataset": "ds.batch(2)", "tape": "tf.GradientTape()"},
                                "tries": {}}))
    done = subprocess.run([sys.executable, str(RUNNER), str(jobs)], capture_output=True,
                          text=True, timeout=600, check=True)
    observed: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert observed == {"meshgrid": "tensor_container", "shape": "other", "flag": "bool",
                        "dataset": "dataset", "tape": "tf_object"}
