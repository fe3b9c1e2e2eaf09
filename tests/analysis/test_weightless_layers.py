"""The Keras 3 ``call`` rule exempts the layers the API model lists as owning no weights; each
must still build without weights on the installed TensorFlow (run in its own process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "measure_weightless_layers.py"


@pytest.mark.tensorflow
def test_every_exempt_layer_builds_without_weights() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True,
                          timeout=600, check=True)
    with_weights = json.loads(done.stdout.strip().splitlines()[-1])
    assert with_weights == {}, f"layers that own weights or cannot be built: {with_weights}"


@pytest.mark.tensorflow
def test_a_layer_with_weights_is_caught(tmp_path: Path) -> None:
    model = json.loads((SCRIPT.parents[1] / "hybridize/models/tensorflow.json").read_text())
    rule = model["speculative"]["framework_methods"]["keras"]["call"]["blocked_when_calling"]
    rule["except"] = ["tensorflow.keras.layers.BatchNormalization",
                      "tensorflow.keras.layers.Flatten", "tensorflow.keras.layers.Nothing"]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model))
    done = subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True,
                          text=True, timeout=600, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"BatchNormalization": 4, "Nothing": None}
