"""The API model's ``callbacks`` section is TensorFlow's behaviour: the argument positions it
names are the installed TensorFlow's, and calling each API on small inputs
(``callback_probe.py``, in a subprocess: TensorFlow never shares a process with the JVM) passes
each callback parameter what the model says: a tensor the API makes, a NumPy array, a dataset
element, or an argument's value as it was passed (Python values stay Python values eagerly)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hybridize.analysis.models import model_data

PROBE = Path(__file__).parent / "callback_probe.py"
#: What a parameter source may deliver; an argument is passed as the sample passed it.
DELIVERS = {"tensor": {"tensor"}, "ndarray": {"ndarray"}, "element": {"tensor"}}
AS_PASSED = {"tensor", "python"}


def _apis(section: dict) -> dict[str, dict]:
    apis = dict(section["functions"])
    for receiver, methods in section["methods"].items():
        apis.update({f"{receiver}.{name}": spec for name, spec in methods.items()})
    return apis


def _allowed(source: str) -> set[str]:
    kinds: set[str] = set()
    for alternative in source.lstrip("*").split("|"):
        kinds |= DELIVERS.get(alternative, AS_PASSED)
    return kinds


def _explains(parameters: list[str], received: list[str]) -> bool:
    """Whether the model's parameter sources account for one observed call."""
    spread = bool(parameters) and parameters[-1].startswith("*")
    if len(received) < len(parameters) or (not spread and len(received) != len(parameters)):
        return False
    for i, kind in enumerate(received):
        if kind not in _allowed(parameters[min(i, len(parameters) - 1)]):
            return False
    return True


@pytest.fixture(scope="module")
def observed() -> dict[str, dict]:
    section = model_data()["callbacks"]
    completed = subprocess.run([sys.executable, str(PROBE), json.dumps(section)],
                               capture_output=True, text=True, timeout=600, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.tensorflow
def test_callback_argument_positions_are_tensorflows(observed: dict[str, dict]) -> None:
    for api, spec in _apis(model_data()["callbacks"]).items():
        assert observed[api]["positions"] == spec["arguments"], api


@pytest.mark.tensorflow
def test_callbacks_receive_what_the_model_says(observed: dict[str, dict]) -> None:
    for api, spec in _apis(model_data()["callbacks"]).items():
        assert observed[api]["sampled"], f"{api}: callback_probe.py has no sample call"
        assert observed[api]["received"], f"{api}: no callback was called"
        for received in observed[api]["received"]:
            assert any(_explains(parameters, received) for parameters in spec["calls"].values()), (
                f"{api}: a callback received {received}, the model says {spec['calls']}")


def test_an_unexplained_call_is_caught() -> None:
    # The checker itself: a NumPy array where the model says tensor, one argument too many.
    assert not _explains(["tensor"], ["ndarray"])
    assert not _explains(["tensor"], ["tensor", "tensor"])
    assert _explains(["*element"], ["tensor", "tensor"])
    assert _explains(["initializer|tensor", "tensor"], ["python", "tensor"])
