"""`run_apply` on a hand-built report: diff, --write, --check, --select, --unsafe."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest
from _edit_golden import def_lines

from hybridize.commands.apply import add_arguments, run_apply
from hybridize.report import Assumption, FunctionReport, Report, Transformation

HYBRID = Transformation.CONVERT_TO_HYBRID
EAGER = Transformation.CONVERT_TO_EAGER
MODELS = b"""import tensorflow as tf


def proven(x):
    return x * 2


def guessed(x: tf.Tensor):
    return x + 1


@tf.function
def needless(n):
    return n
"""
LAYERS = b"def dense(x):\n    return x\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "models.py").write_bytes(MODELS)
    (tmp_path / "pkg" / "layers.py").write_bytes(LAYERS)
    return tmp_path


def report_for(project: Path) -> Report:
    """The report an analysis would give for the project's current sources."""
    models = def_lines((project / "pkg" / "models.py").read_bytes())
    layers = def_lines((project / "pkg" / "layers.py").read_bytes())
    speculative = [Assumption("tensor_parameter", "parameter `x` is annotated `tf.Tensor`")]
    return Report(
        tool={"name": "hybridize"},
        project=str(project),
        settings={},
        errors=[],
        functions=[
            function("pkg.models.proven", "pkg/models.py", models["proven"], False, [HYBRID]),
            function(
                "pkg.models.guessed",
                "pkg/models.py",
                models["guessed"],
                False,
                [HYBRID],
                speculative,
            ),
            function("pkg.models.needless", "pkg/models.py", models["needless"], True, [EAGER]),
            function("pkg.layers.dense", "pkg/layers.py", layers["dense"], False, [HYBRID]),
        ],
    )


def function(
    qualified_name: str,
    file: str,
    line: int,
    hybrid: bool,
    transformations: list[Transformation],
    assumptions: list[Assumption] | None = None,
) -> FunctionReport:
    return FunctionReport(
        name=qualified_name.rpartition(".")[2],
        qualified_name=qualified_name,
        file=file,
        line=line,
        hybrid=hybrid,
        transformations=transformations,
        assumptions=assumptions or [],
    )


def apply(
    project: Path,
    report: Report | None = None,
    *,
    write: bool = False,
    unsafe: bool = False,
    select: list[str] | None = None,
    check: bool = False,
) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `run_apply`."""
    out, err = io.StringIO(), io.StringIO()
    code = run_apply(
        report or report_for(project),
        project,
        write=write,
        unsafe=unsafe,
        select=select or [],
        check=check,
        out=out,
        err=err,
    )
    return code, out.getvalue(), err.getvalue()


def test_default_prints_safe_diffs_and_writes_nothing(project: Path) -> None:
    code, out, err = apply(project)

    assert code == 0
    assert out == (
        "# pkg.layers.dense: CONVERT_TO_HYBRID (safe)\n"
        "--- a/pkg/layers.py\n"
        "+++ b/pkg/layers.py\n"
        "@@ -1,2 +1,4 @@\n"
        "+import tensorflow as tf\n"
        "+@tf.function\n"
        " def dense(x):\n"
        "     return x\n"
        "# pkg.models.proven: CONVERT_TO_HYBRID (safe)\n"
        "# pkg.models.needless: CONVERT_TO_EAGER (safe)\n"
        "--- a/pkg/models.py\n"
        "+++ b/pkg/models.py\n"
        "@@ -1,6 +1,7 @@\n"
        " import tensorflow as tf\n"
        " \n"
        " \n"
        "+@tf.function\n"
        " def proven(x):\n"
        "     return x * 2\n"
        " \n"
        "@@ -9,6 +10,5 @@\n"
        "     return x + 1\n"
        " \n"
        " \n"
        "-@tf.function\n"
        " def needless(n):\n"
        "     return n\n"
    )
    assert err == "skipped 1 unsafe edit(s); use --unsafe to include them\n"
    assert (project / "pkg" / "models.py").read_bytes() == MODELS
    assert (project / "pkg" / "layers.py").read_bytes() == LAYERS


def test_unsafe_includes_speculative_edits_and_labels_them(project: Path) -> None:
    code, out, err = apply(project, unsafe=True, select=["pkg.models.guessed"])

    assert code == 0
    assert out.startswith("# pkg.models.guessed: CONVERT_TO_HYBRID (unsafe)\n--- a/pkg/models.py\n")
    assert "+@tf.function\n def guessed(x: tf.Tensor):\n" in out
    assert err == ""


def test_select_restricts_to_the_named_functions(project: Path) -> None:
    code, out, _ = apply(project, select=["pkg.models.needless"])

    assert code == 0
    assert "# pkg.models.needless: CONVERT_TO_EAGER (safe)\n" in out
    assert "pkg.models.proven" not in out
    assert "+@tf.function\n def proven" not in out
    assert "pkg/layers.py" not in out


def test_write_edits_in_place_and_a_second_run_changes_nothing(project: Path) -> None:
    code, _, _ = apply(project, write=True, unsafe=True)

    assert code == 0
    models = (project / "pkg" / "models.py").read_bytes()
    assert models.count(b"@tf.function\ndef ") == 2
    assert b"@tf.function\ndef needless" not in models
    layers = (project / "pkg" / "layers.py").read_bytes()
    assert layers == b"import tensorflow as tf\n@tf.function\n" + LAYERS

    # A fresh analysis of the edited sources would report the same transformations.
    assert apply(project, report_for(project), write=True, unsafe=True, check=True) == (0, "", "")
    assert (project / "pkg" / "models.py").read_bytes() == models


def test_check_exits_1_when_something_would_change_and_writes_nothing(project: Path) -> None:
    code, out, _ = apply(project, check=True)

    assert code == 1
    assert out
    assert (project / "pkg" / "models.py").read_bytes() == MODELS
    assert apply(project, check=True, select=["pkg.models.guessed"])[0] == 0


def test_refusals_go_to_stderr(project: Path) -> None:
    report = report_for(project)
    report.functions[0].transformations = [Transformation.RECONFIGURE]
    (project / "pkg" / "layers.py").write_bytes(b"def dense(x):\n    return \xff\n")

    code, out, err = apply(project, report)

    assert code == 0
    assert "pkg/layers.py" not in out
    assert err.splitlines() == [
        "skipped 1 unsafe edit(s); use --unsafe to include them",
        "pkg/layers.py: not edited: not valid UTF-8 (invalid start byte at byte 25)",
        "pkg/models.py: pkg.models.proven: not edited: "
        "RECONFIGURE needs an input signature to write, and the report has none",
    ]


def test_add_arguments_defines_the_command_line() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)

    options = parser.parse_args(
        ["proj", "--write", "--unsafe", "--check", "--select", "a.f", "--select", "b.g"]
    )

    assert options.path == Path("proj")
    assert (options.write, options.unsafe, options.check) == (True, True, True)
    assert options.select == ["a.f", "b.g"]
    assert parser.parse_args(["proj"]).select == []
