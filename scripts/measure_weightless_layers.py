"""Which Keras layers create no weights, measured on the installed TensorFlow.

The Keras 3 ``call`` rule (``blocked_when_calling`` in ``hybridize/models/tensorflow.json``)
exempts calls to layers that own no variables: a ``GradientTape`` outside a traced ``call``
cannot lose gradients that do not exist. This script builds each layer the model lists under
``except`` on a small input and prints a JSON object: the layers that created weights (or could
not be built), which must then leave the list. Run by a developer when TensorFlow changes, and
by ``tests/analysis/test_weightless_layers.py``.

    python scripts/measure_weightless_layers.py [MODEL_JSON]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

MODEL = Path(__file__).resolve().parent.parent / "hybridize" / "models" / "tensorflow.json"

#: Constructor arguments of the layers that have required ones.
ARGUMENTS: dict[str, tuple[Any, ...]] = {
    "Dropout": (0.1,), "AlphaDropout": (0.1,), "GaussianDropout": (0.1,),
    "GaussianNoise": (0.1,), "SpatialDropout1D": (0.1,), "SpatialDropout2D": (0.1,),
    "SpatialDropout3D": (0.1,), "Activation": ("relu",), "Reshape": ((-1,),),
    "Permute": ((2, 1),), "RepeatVector": (3,), "AveragePooling1D": (2,),
    "AveragePooling2D": (2,), "AveragePooling3D": (2,), "Rescaling": (0.5,),
    "Resizing": (2, 2), "CenterCrop": (2, 2), "RandomCrop": (2, 2), "RandomRotation": (0.1,),
    "RandomZoom": (0.1,), "RandomTranslation": (0.1, 0.1), "RandomContrast": (0.1,),
    "RandomBrightness": (0.1,), "Dot": (1,),
}
#: Layers that merge a list of inputs.
MERGING = {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot"}
#: Input shapes tried in turn: dense, sequence, image, volume.
SHAPES = ([2, 4], [2, 4, 3], [2, 4, 4, 3], [2, 4, 4, 4, 3])


def listed(model_path: Path) -> list[str]:
    data = json.loads(model_path.read_text(encoding="utf-8"))
    rule = data["speculative"]["framework_methods"]["keras"]["call"]["blocked_when_calling"]
    return [name.rsplit(".", 1)[1] for name in rule["except"]]


def weights_of(name: str) -> int | None:
    """How many weights the layer creates when built; None if it could not be built."""
    import tensorflow as tf

    layer_class = getattr(tf.keras.layers, name, None)
    if layer_class is None:
        return None
    try:
        layer = layer_class(*ARGUMENTS.get(name, ()))
    except (TypeError, ValueError):  # required arguments this script does not know
        return None
    for shape in SHAPES:
        inputs = [tf.ones(shape), tf.ones(shape)] if name in MERGING else tf.ones(shape)
        try:
            layer(inputs)
        except Exception:  # noqa: BLE001 - the next shape may suit the layer
            continue
        return len(layer.weights)
    return None


def main(argv: list[str]) -> int:
    model_path = Path(argv[1]) if len(argv) > 1 else MODEL
    wrong = {name: weights_of(name) for name in listed(model_path)}
    print(json.dumps({name: count for name, count in wrong.items() if count != 0}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
