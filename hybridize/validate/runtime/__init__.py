"""The instrumentation `hybridize validate` loads into the user's processes (stdlib only).

It is copied, as the package ``_hybridize_validate_runtime``, next to a generated
``sitecustomize.py`` on a temporary directory that is prepended to ``PYTHONPATH``; the
process hosting the JVM never imports it. ``HYBRIDIZE_VALIDATE`` (JSON) names the files
and functions to instrument and the directory the records go to.
"""

from __future__ import annotations

import json
import os
import random

from . import hook, probes
from .probes import body, calls

__all__ = ["body", "calls", "install"]

ENVIRONMENT_VARIABLE = "HYBRIDIZE_VALIDATE"


def install() -> None:
    """Seed, hook the imports of the target modules and record at exit; a no-op without the
    environment variable (a process the validation did not start)."""
    text = os.environ.get(ENVIRONMENT_VARIABLE)
    if not text:
        return
    config = json.loads(text)
    random.seed(0)  # numpy, TensorFlow and Keras are seeded when they are imported
    probes.RECORDER.start(config["output"])
    hook.install({path: dict(scopes) for path, scopes in config["targets"].items()})
