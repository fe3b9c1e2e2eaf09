"""Every kind of edit, applied by the real engine, leaves a program that runs as before.

Programs under ``programs/``: ``add_decorator`` (a plain function, a method, functions
under ``@staticmethod``, ``@classmethod``, a comment below a multi-line decorator, and the
decorators measured to work above ``@tf.function``: property, abstractmethod, lru_cache)
and ``remove_decorator`` (bare and configured ``@tf.function``, under ``@staticmethod``
and ``@classmethod``, and above ``@staticmethod``). Each runs in a TensorFlow subprocess
as written and edited: it must print the same, and the edited functions must (or must no
longer) be ``tf.function`` objects. Calls go through the class, ``self`` and ``cls``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from edited_programs import edited_copy, run_programs

from hybridize.report import Transformation

PROGRAMS = Path(__file__).parent / "programs"
ADD, REMOVE = Transformation.CONVERT_TO_HYBRID, Transformation.CONVERT_TO_EAGER

ADDED = ["scaled", "Model.method", "Model.static", "Model.build", "Model.wrapped",
         "Model.doubled", "Model.table", "Base.shift"]
REMOVED = ["bare", "configured", "Model.static", "Model.build", "Model.static_outer",
           "Model.method"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, dict]:
    scratch = tmp_path_factory.mktemp("runs")
    add = PROGRAMS / "add_decorator"
    remove = PROGRAMS / "remove_decorator"
    programs = {
        "add original": (add, ADDED),
        "add edited": (edited_copy(add, scratch / "add", {f"main.{n}": ADD for n in ADDED}),
                       ADDED),
        "remove original": (remove, REMOVED),
        "remove edited": (edited_copy(remove, scratch / "remove",
                                      {f"main.{n}": REMOVE for n in REMOVED}), REMOVED),
        "cli edited": (_applied_by_cli(add, scratch / "cli"), ["Model.static", "Model.build"]),
    }
    results = run_programs([{"dir": str(path), "probes": probes}
                            for path, probes in programs.values()], scratch)
    return {name: results[str(path)] for name, (path, _) in programs.items()}


def _applied_by_cli(program: Path, into: Path) -> Path:
    """The real analysis and ``apply --write`` on a copy."""
    shutil.copytree(program, into, ignore=shutil.ignore_patterns("__pycache__"))
    completed = subprocess.run([sys.executable, "-m", "hybridize", "apply", str(into),
                                "--write"], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    return into


def _assert_runs_alike(original: dict, edited: dict) -> None:
    assert original["error"] is None and edited["error"] is None, (original, edited)
    assert original["stdout"] and edited["stdout"] == original["stdout"]


@pytest.mark.tensorflow
def test_added_decorators_run_alike_and_are_tf_functions(runs) -> None:
    _assert_runs_alike(runs["add original"], runs["add edited"])
    assert not any(runs["add original"]["hybrid"].values())
    assert runs["add edited"]["hybrid"] == dict.fromkeys(ADDED, True)


@pytest.mark.tensorflow
def test_removed_decorators_run_alike_and_are_plain_functions(runs) -> None:
    _assert_runs_alike(runs["remove original"], runs["remove edited"])
    assert all(runs["remove original"]["hybrid"].values())
    assert runs["remove edited"]["hybrid"] == dict.fromkeys(REMOVED, False)


@pytest.mark.tensorflow
@pytest.mark.jvm
def test_analysis_and_apply_write_keep_the_program_working(runs) -> None:
    _assert_runs_alike(runs["add original"], runs["cli edited"])
    assert runs["cli edited"]["hybrid"] == {"Model.static": True, "Model.build": True}


def test_added_decorator_sits_directly_above_the_def(tmp_path: Path) -> None:
    edited = edited_copy(PROGRAMS / "add_decorator", tmp_path / "add",
                         {"main.Model.static": ADD, "main.Model.wrapped": ADD})
    text = (edited / "main.py").read_text()
    assert "    @staticmethod\n    @tf.function\n    def static(x):" in text
    assert ("    # a comment between the decorator and the def\n    @tf.function\n"
            "    def wrapped(self, x):") in text
