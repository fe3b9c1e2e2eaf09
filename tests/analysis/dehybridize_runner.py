"""Runs fixture programs as written and with one decorator removed, under TensorFlow.

Run in its own process (TensorFlow never shares a process with the JVM):

    python dehybridize_runner.py JOBS.json  ->  one JSON result per line on stdout

A job names a directory holding a fixture program (``main.py`` and its modules). The program
runs as ``__main__``; the result says whether it raised (what, and the program's line that
raised) and gives the values it
left in module globals (tensors, arrays and Python scalars, in containers too), so that two
versions of one program can be compared.
"""

from __future__ import annotations

import contextlib
import json
import runpy
import sys
import traceback
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf

#: Decimals kept when comparing computed values (eager and traced float math may differ).
DECIMALS = 5


def plain(value: Any) -> Any:
    """A JSON value for what a program computed, or None for anything else (functions...)."""
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (float, np.floating)):
        return round(float(value), DECIMALS)
    if isinstance(value, (tf.Tensor, tf.Variable, np.ndarray)):
        array = np.asarray(value)
        return np.round(array, DECIMALS).tolist() if array.dtype.kind == "f" else array.tolist()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return None


def run_program(root: Path, modules: list[str]) -> dict[str, Any]:
    for module in [m for m in sys.modules if m.split(".")[0] in modules]:
        del sys.modules[module]
    sys.path.insert(0, str(root))
    try:
        # The program's own output must not mix with the results on stdout.
        with contextlib.redirect_stdout(sys.stderr):
            namespace = runpy.run_path(str(root / "main.py"), run_name="__main__")
    except Exception as exc:  # noqa: BLE001 - what the program raises is the result
        return {"raised": f"{type(exc).__name__}: {str(exc)[:300]}", "values": {},
                "where": _program_frame(exc, root)}
    finally:
        sys.path.remove(str(root))
    values = {name: plain(value) for name, value in namespace.items()
              if not name.startswith("_")}
    return {"raised": None, "values": {k: v for k, v in values.items() if v is not None}}


def _program_frame(exc: Exception, root: Path) -> list[Any] | None:
    """[relative file, line] of the innermost frame of the program that raised ``exc``."""
    inside = [frame for frame in traceback.extract_tb(exc.__traceback__)
              if Path(frame.filename).resolve().is_relative_to(root.resolve())]
    if not inside:
        return None
    return [Path(inside[-1].filename).resolve().relative_to(root.resolve()).as_posix(),
            inside[-1].lineno]


def main() -> None:
    jobs = json.loads(Path(sys.argv[1]).read_text())
    tf.get_logger().setLevel("ERROR")
    for job in jobs:
        try:
            result = run_program(Path(job["root"]), job["modules"])
        except Exception:  # noqa: BLE001 - a broken job fails its own test only
            result = {"raised": traceback.format_exc(limit=5), "values": {}, "broken": True}
        print(json.dumps({"id": job["id"], **result}), flush=True)


if __name__ == "__main__":
    main()
