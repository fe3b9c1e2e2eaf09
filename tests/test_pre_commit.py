"""The pre-commit hook: its entry is our console script, and it runs as pre-commit runs it
(``entry`` + ``args``, no file names) with the linter's exit codes."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from test_cli import write

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
TO_CONVERT = """\
import tensorflow as tf

def scale(x):
    return x * 2.0

scale(tf.constant([1.0]))
"""


def hook() -> dict:
    [only] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return only


def test_the_hook_is_serial_takes_no_file_names_and_names_our_console_script() -> None:
    found = hook()
    assert found["language"] == "python"
    assert found["pass_filenames"] is False and found["require_serial"] is True
    program, *arguments = shlex.split(found["entry"])
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts[program] == "hybridize.cli:main"
    assert arguments == ["analyze", "--check"]


def test_the_hook_runs_and_fails_exactly_when_there_is_an_edit_to_make(tmp_path: Path) -> None:
    found = hook()
    command = [shutil.which(shlex.split(found["entry"])[0]), *shlex.split(found["entry"])[1:],
               *found["args"]]
    assert command[0], "the console script is installed (pip install -e .)"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    write(tmp_path, {"ok.py": "def name(x: str) -> str:\n    return x.upper()\n\nname('a')\n"})
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    write(tmp_path, {"step.py": TO_CONVERT})
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1, done.stderr
    assert "step.scale" in done.stdout
