"""Runs small programs under TensorFlow, in its own process (never beside the JVM).

    python program_runner.py JOBS.json  ->  one JSON result per job on stdout

A job is ``{"dir": DIR, "probes": [DOTTED_NAME, ...]}``: ``DIR/main.py`` runs as
``__main__`` with ``DIR`` first on ``sys.path``. The result holds what it printed, the
exception it raised (or None) and, for each probe (``Model.scale``), whether the function
there is a ``tf.function`` once ``staticmethod``/``classmethod``/``property`` and
``functools`` wrappers are looked through.
"""

from __future__ import annotations

import contextlib
import io
import json
import runpy
import sys
from pathlib import Path
from typing import Any

import tensorflow as tf


def _unwrapped(value: Any) -> Any:
    """The function inside the descriptors and caches a decorator list may stack."""
    for _ in range(10):
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        elif isinstance(value, property):
            value = value.fget
        elif hasattr(value, "__wrapped__") and not hasattr(value, "python_function"):
            value = value.__wrapped__
        else:
            break
    return value


def _probe(namespace: dict[str, Any], dotted: str) -> bool:
    value: Any = namespace
    for part in dotted.split("."):
        value = value[part] if isinstance(value, dict) else _static_attribute(value, part)
    return hasattr(_unwrapped(value), "python_function")


def _static_attribute(owner: Any, name: str) -> Any:
    """The attribute as stored (``vars(cls)[name]``), not as the descriptor returns it."""
    for klass in getattr(owner, "__mro__", ()):
        if name in vars(klass):
            return vars(klass)[name]
    return getattr(owner, name)


def run(job: dict[str, Any]) -> dict[str, Any]:
    root = str(Path(job["dir"]).resolve())
    local = {p.stem for p in Path(root).glob("*.py")}
    for module in [m for m in sys.modules if m.split(".")[0] in local]:
        del sys.modules[module]
    sys.path.insert(0, root)
    out, namespace, error = io.StringIO(), {}, None
    try:
        with contextlib.redirect_stdout(out):
            namespace = runpy.run_path(str(Path(root) / "main.py"), run_name="__main__")
    except Exception as exc:  # noqa: BLE001 - what the program raised is the result
        error = f"{type(exc).__name__}: {str(exc)[:300]}"
    finally:
        sys.path.remove(root)
    probes = {p: _probe(namespace, p) for p in job.get("probes", ())} if error is None else {}
    return {"dir": job["dir"], "stdout": out.getvalue(), "error": error, "hybrid": probes}


def main() -> None:
    tf.get_logger().setLevel("ERROR")
    for job in json.loads(Path(sys.argv[1]).read_text()):
        print(json.dumps(run(job)), flush=True)


if __name__ == "__main__":
    main()
