"""Run in a subprocess by test_callback_model.py (TensorFlow never shares the JVM's process).

For every API of the model's ``callbacks`` section: the argument positions it names are those
of the installed TensorFlow's signature, and calling the API on small inputs (below) with
recording callbacks shows what each callback parameter received: ``tensor``, ``ndarray`` or
``python`` (a Python value passed through as it is). Prints one JSON object.
"""

from __future__ import annotations

import inspect
import json
import sys

import numpy as np
import tensorflow as tf

#: Small calls of each API; ``F`` stands for the recording callback under test.
SAMPLES = {
    "tensorflow.cond": ["tf.cond(tf.constant(True), F, F)"],
    "tensorflow.case": ["tf.case([(tf.constant(True), F)], default=F)"],
    "tensorflow.switch_case": ["tf.switch_case(tf.constant(0), [F, F], default=F)"],
    "tensorflow.while_loop": ["tf.while_loop(F, F, [tf.constant(0), 1.5])"],
    "tensorflow.map_fn": ["tf.map_fn(F, tf.constant([1.0, 2.0]))"],
    "tensorflow.vectorized_map": ["tf.vectorized_map(F, tf.constant([1.0, 2.0]))"],
    "tensorflow.scan": ["tf.scan(F, tf.constant([1.0, 2.0]))"],
    "tensorflow.foldl": ["tf.foldl(F, tf.constant([1.0, 2.0]), initializer=0.5)"],
    "tensorflow.foldr": ["tf.foldr(F, tf.constant([1.0, 2.0]), initializer=0.5)"],
    "tensorflow.py_function": ["tf.py_function(F, [1.0, tf.constant(2.0)], Tout=tf.float32)"],
    "tensorflow.numpy_function": ["tf.numpy_function(F, [tf.constant(1.0)], Tout=tf.float32)"],
    "dataset.map": ["list(PAIRS.map(F))"],
    "dataset.filter": ["list(PAIRS.filter(F))"],
    "dataset.flat_map": ["list(PAIRS.flat_map(F))"],
    "dataset.interleave": ["list(PAIRS.interleave(F))"],
    "dataset.take_while": ["list(PAIRS.take_while(F))"],
    "dataset.reduce": ["PAIRS.reduce(tf.constant(0.0), F)"],
    "dataset.scan": ["list(PAIRS.scan(tf.constant(0.0), F))"],
}


def kind(value: object) -> str:
    if isinstance(value, tf.Tensor):
        return "tensor"
    if isinstance(value, np.ndarray):
        return "ndarray"
    if isinstance(value, tuple) and value and all(isinstance(v, tf.Tensor) for v in value):
        return "tensor"  # a dataset element of several components, passed as one value
    return "python"


def recorder(api: str, seen: list[list[str]]):
    def callback(*args):
        seen.append([kind(a) for a in args])
        name = api.rpartition(".")[2]
        if name in ("filter", "take_while"):
            return tf.constant(True)
        if name in ("flat_map", "interleave"):
            return tf.data.Dataset.from_tensors(args[0])
        if name == "while_loop":
            return tf.constant(False) if len(seen) % 2 else tuple(args)
        if name in ("reduce", "scan") and api.startswith("dataset."):
            return (args[0], args[0]) if name == "scan" else args[0]
        if name in ("scan", "foldl", "foldr"):
            return args[0] + args[1]
        if name == "numpy_function":
            return np.float32(1.0)
        return args[0] if args else tf.constant(1.0)
    return callback


def signature_positions(api: str, arguments: dict[str, int]) -> dict[str, int | None]:
    obj = tf.data.Dataset if api.startswith("dataset.") else tf
    for part in api.split(".")[1:]:
        obj = getattr(obj, part)
    names = [p.name for p in inspect.signature(obj).parameters.values() if p.name != "self"]
    return {a: names.index(a) if a in names else None for a in arguments}


def main() -> None:
    section = json.loads(sys.argv[1])
    apis = dict(section["functions"])
    for receiver, methods in section["methods"].items():
        apis.update({f"{receiver}.{m}": spec for m, spec in methods.items()})
    pairs = tf.data.Dataset.from_tensor_slices(([1.0, 2.0], [3.0, 4.0]))
    out = {}
    for api, spec in sorted(apis.items()):
        seen: list[list[str]] = []
        for sample in SAMPLES.get(api, []):
            eval(sample, {"tf": tf, "F": recorder(api, seen), "PAIRS": pairs})  # noqa: S307
        out[api] = {"positions": signature_positions(api, spec["arguments"]),
                    "received": sorted({tuple(s) for s in seen}),
                    "sampled": api in SAMPLES}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
