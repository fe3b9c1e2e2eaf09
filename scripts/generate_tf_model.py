"""Generates the TensorFlow API model from the installed TensorFlow.

    python3 scripts/generate_tf_model.py

writes ``hybridize/models/tensorflow_api.json`` (the kind of every public API's result, and how
it was derived) and ``evaluation/results/tf-api-model-coverage.md``. Run it when TensorFlow
changes, then rebuild the jar (``bash scripts/fetch_wala.sh``). The analysis never imports
TensorFlow: it reads the generated file (see ``scripts/tf_api_model/``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from tf_api_model.kinds import KindDeriver  # noqa: E402
from tf_api_model.output import (  # noqa: E402
    Table,
    apply_overrides,
    coverage_report,
    derive_table,
    write_model,
)
from tf_api_model.walk import public_callables, public_methods  # noqa: E402

MODEL = REPO / "hybridize/models/tensorflow_api.json"
OVERRIDES = REPO / "hybridize/models/tensorflow_overrides.json"
COVERAGE = REPO / "evaluation/results/tf-api-model-coverage.md"
#: Classes whose methods and properties are modelled, with the value kind of their instances.
METHOD_CLASSES = {
    "tensorflow.Tensor": "tensor", "tensorflow.RaggedTensor": "tensor",
    "tensorflow.SparseTensor": "tensor", "tensorflow.Variable": "variable",
    "tensorflow.data.Dataset": "dataset", "tensorflow.TensorArray": "tf_object",
    "tensorflow.GradientTape": "tf_object", "tensorflow.keras.optimizers.Optimizer": "tf_object",
    "tensorflow.keras.layers.Layer": "keras_object", "tensorflow.keras.Model": "keras_object",
    "tensorflow.keras.losses.Loss": "keras_object", "tensorflow.keras.metrics.Metric": "keras_object",
}


def _resolve(tf: object, path: str) -> type:
    obj = tf
    for part in path.split(".")[1:]:
        obj = getattr(obj, part)
    assert isinstance(obj, type), path
    return obj


def main() -> None:
    import keras
    import tensorflow as tf

    deriver = KindDeriver(tf)
    versions = {"tensorflow": tf.__version__, "keras": keras.__version__}
    functions = derive_table(deriver, list(public_callables(tf)))
    methods: dict[str, tuple[str, Table, Table]] = {}
    for path, receiver in METHOD_CLASSES.items():
        members = list(public_methods(path, _resolve(tf, path)))
        calls = derive_table(deriver, [m for m in members if not isinstance(m.obj, property)])
        attributes = derive_table(deriver, [m for m in members if isinstance(m.obj, property)])
        methods[path] = (receiver, calls, attributes)
    write_model(MODEL, versions, functions, methods)
    overrides = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    with_overrides = apply_overrides(functions, {k: v for k, v in overrides["functions"].items()
                                                 if not k.startswith("_")})
    methods_with_overrides = {
        path: (receiver, apply_overrides(calls, overrides["methods"].get(path, {})), attributes)
        for path, (receiver, calls, attributes) in methods.items()}
    COVERAGE.write_text(coverage_report(versions, with_overrides, methods_with_overrides),
                        encoding="utf-8")
    print(f"{MODEL.relative_to(REPO)}: {MODEL.stat().st_size // 1024} KiB; "
          f"coverage in {COVERAGE.relative_to(REPO)}")


if __name__ == "__main__":
    main()
