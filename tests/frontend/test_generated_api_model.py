"""The result kinds generated from TensorFlow (hybridize/models/tensorflow_api.json) and their
overrides: well formed, in the one vocabulary, and read alike by Java's LibraryModel (the
pointer analysis) and Python's ApiModel."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from hybridize.analysis.generated_model import Known, generated_model
from hybridize.analysis.models import model_data, tensorflow_model
from hybridize.bridge import jvm
from hybridize.bridge.value_kinds import ValueKind


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("hybridize").joinpath(f"models/{name}").read_text("utf-8"))
    return data


def _names(table: dict[str, Any]) -> list[str]:
    return [n for by in table["kinds"].values() for names in by.values() for n in names]


def test_the_generated_model_says_where_it_came_from_and_how_each_kind_was_derived() -> None:
    generated = _read("tensorflow_api.json")
    assert set(generated["generated_from"]) == {"tensorflow", "keras"}
    sources = set(generated["derivations"])
    tables = [generated["functions"]] + [t for spec in generated["methods"].values()
                                         for t in (spec["calls"], spec["attributes"])]
    for table in tables:
        for by_source in table["kinds"].values():
            assert set(by_source) <= sources


def test_every_generated_and_overridden_kind_is_in_the_vocabulary() -> None:
    vocabulary = {k for k in model_data()["value_kinds"] if not k.startswith("_")}
    generated = _read("tensorflow_api.json")
    used = set(generated["functions"]["kinds"])
    used |= {spec["receiver"] for spec in generated["methods"].values()}
    used |= {k for spec in generated["methods"].values() for k in spec["calls"]["kinds"]}
    overrides = _read("tensorflow_overrides.json")
    used |= {spec["kind"] for name, spec in overrides["functions"].items() if not name.startswith("_")}
    assert used <= vocabulary, used - vocabulary


def test_each_override_names_a_public_api_and_gives_a_reason() -> None:
    generated = _read("tensorflow_api.json")
    public = set(_names(generated["functions"])) | set(generated["functions"]["unknown"])
    overrides = _read("tensorflow_overrides.json")["functions"]
    assert overrides
    for name, spec in overrides.items():
        assert name in public, name
        assert set(spec) == {"kind", "reason"} and len(spec["reason"]) > 20, name


def test_the_model_knows_the_result_kind_of_95_percent_of_the_public_api_as_reported() -> None:
    functions = _read("tensorflow_api.json")["functions"]
    overridden = set(_read("tensorflow_overrides.json")["functions"])
    known = set(_names(functions)) | overridden
    total = known | set(functions["unknown"])
    assert len(known) >= 0.95 * len(total)
    report = (Path(__file__).parents[2] / "evaluation/results/tf-api-model-coverage.md").read_text()
    assert f"{len(known)} of {len(total)} with a known result kind" in report


@pytest.mark.jvm
def test_java_and_python_give_every_api_the_same_result_kind() -> None:
    generated = _read("tensorflow_api.json")
    hand_kept = [p for ps in model_data()["returns"].values() for p in ps if "*" not in p]
    names = sorted({*_names(generated["functions"]), *generated["functions"]["unknown"], *hand_kept})
    names += ["keras.layers.Dense", "keras.ops.cond", "tf_keras.losses.mse",
              "tensorflow.keras.applications.X"]
    java = jvm.jclass("org.hybridize.wala.cg.LibraryModel").bundled()
    python = tensorflow_model()
    differ = []
    for name in names:
        j = java.resultKind(name)
        j_kind = None if j is None else str(j.modelName())
        p = python.result_kind(name)
        if j_kind != (p.value if p else None):
            differ.append((name, j_kind, p))
    assert not differ, differ[:20]


@pytest.mark.jvm
def test_the_generated_kinds_win_over_the_hand_kept_patterns_and_the_overrides_over_both() -> None:
    model = tensorflow_model()
    # Not in the hand-kept list: typed only by the generated model.
    assert model.result_kind("tensorflow.cond") is ValueKind.TENSOR
    assert model.result_kind("tensorflow.RaggedTensor.from_row_lengths") is ValueKind.TENSOR
    # A container of tensors is modelled as a tensor.
    assert model.result_kind("tensorflow.meshgrid") is ValueKind.TENSOR
    # The hand-kept pattern tensorflow.data.experimental.* says dataset; TensorFlow says this
    # one returns a transformation function.
    assert model.result_kind("tensorflow.data.experimental.assert_cardinality") is None
    # An override: the docstring describes py_function's decorator form.
    assert model.result_kind("tensorflow.py_function") is ValueKind.TENSOR
    # A Python bool, and a known non-tensor.
    assert model.result_kind("tensorflow.executing_eagerly") is ValueKind.BOOL
    assert model.result_kind("tensorflow.config.list_physical_devices") is None
    java = jvm.jclass("org.hybridize.wala.cg.LibraryModel").bundled()
    kind = jvm.jclass("org.hybridize.wala.cg.ValueKind")
    assert java.methodResult(kind.TENSOR, "numpy") is None
    assert java.methodResult(kind.DATASET, "choose_from_datasets") == kind.DATASET
    # A method override (measured: Dataset.reduce gives its final state, not a dataset).
    assert java.methodResult(kind.DATASET, "reduce") == kind.TENSOR
    assert generated_model().method(ValueKind.DATASET, "reduce") == Known(ValueKind.TENSOR)
    assert java.attributeKind(kind.TENSOR, "values") == kind.TENSOR  # SparseTensor/RaggedTensor.values


_ANALYZE_AND_LIST_FRAMEWORKS = """
import json, runpy, sys
sys.argv = ["hybridize", "analyze", sys.argv[1], "--format", "json"]
try:
    runpy.run_module("hybridize", run_name="__main__")
except SystemExit as done:
    assert not done.code, done.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras", "tf_keras"))
print(json.dumps(loaded), file=sys.stderr)
"""


def test_the_analysis_never_imports_tensorflow() -> None:
    """An analysis of a program full of TensorFlow API calls reads the generated model only:
    no TensorFlow (or Keras) module is loaded in its process."""
    fixture = Path(__file__).parents[1] / "analysis/fixtures/api_ragged_sparse_results"
    done = subprocess.run([sys.executable, "-c", _ANALYZE_AND_LIST_FRAMEWORKS, str(fixture)],
                          capture_output=True, text=True, timeout=600, check=True)
    assert json.loads(done.stdout)["summary"]["functions"] == 4
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
