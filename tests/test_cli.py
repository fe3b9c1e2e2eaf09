"""The CLI's contract: output formats, exit codes, and bad input that loses nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from report_contract import check_report

from hybridize.cli import main
from hybridize.settings import DEFAULT_CALL_GRAPH_WORK, DEFAULT_DEADLINE_S, DEFAULT_MEMORY_FRACTION

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "mnist_like"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def write(root: Path, files: dict[str, bytes | str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return root


def test_example_json_follows_the_contract() -> None:
    code, out, err = run("analyze", str(EXAMPLE), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    check_report(report)
    assert report["functions"], "the bundled example reports functions"
    assert report["errors"] == []


def test_nonexistent_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope")
    for argv in (("analyze", missing), ("apply", missing), ("explain", missing, "m.f"),
                 ("callgraph", missing)):
        code, out, err = run(*argv)
        assert code == 2 and out == "", argv
        assert err == f"hybridize: {missing}: no such file or directory\n", argv


def test_broken_files_are_errors_and_the_rest_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {
        "good.py": "def ok(x):\n    return x\n",
        "pkg/__init__.py": "",
        "pkg/bad_syntax.py": "def broken(:\n    pass\n",
        "undecodable.py": b"def f():\n    return '\xff\xfe'\n",
    })
    code, out, _ = run("analyze", str(tmp_path), "--format", "json")
    assert code == 0
    report = json.loads(out)
    check_report(report)
    assert [fn["qualified_name"] for fn in report["functions"]] == ["good.ok"]
    errors = {e["file"]: e for e in report["errors"]}
    assert set(errors) == {"pkg/bad_syntax.py", "undecodable.py"}
    assert errors["pkg/bad_syntax.py"]["line"] == 1
    assert errors["pkg/bad_syntax.py"]["message"].startswith("SyntaxError")


def test_only_broken_files_exit_2(tmp_path: Path) -> None:
    write(tmp_path, {"bad.py": "def (\n"})
    code, out, err = run("analyze", str(tmp_path), "--format", "json")
    assert code == 2
    assert json.loads(out)["errors"][0]["file"] == "bad.py"
    assert err == f"hybridize: {tmp_path}: no file could be analysed\n"
    for argv in (("apply", str(tmp_path)), ("explain", str(tmp_path), "bad.f")):
        assert run(*argv) == (2, "", err), argv


def test_empty_project_says_so_on_stderr_only(tmp_path: Path) -> None:
    no_files = tmp_path / "none"
    no_functions = write(tmp_path / "flat", {"script.py": "x = 1\nprint(x)\n"})
    for project in (no_files, no_functions):
        project.mkdir(exist_ok=True)
        said = f"hybridize: {project}: no Python functions found\n"
        code, out, err = run("analyze", str(project), "--format", "json")
        assert (code, err) == (0, said)
        check_report(json.loads(out))
        assert json.loads(out)["functions"] == []
        code, out, err = run("analyze", str(project), "--format", "csv")
        assert (code, err) == (0, said) and out.startswith("file,line,qualified_name,")
        assert out.count("\n") == 1  # the header alone
        code, out, err = run("analyze", str(project))
        assert (code, err) == (0, said) and out.startswith("location")
        assert "0 functions, 0 candidates" in out and "no Python functions" not in out
        assert run("apply", str(project)) == (0, "", said)
        assert run("explain", str(project), "script.f") == (2, "", said)


def test_excluded_directories_are_not_walked(tmp_path: Path) -> None:
    write(tmp_path, {
        "main.py": "def f():\n    pass\n",
        ".hidden/h.py": "def hidden():\n    pass\n",
        "venv/lib/v.py": "def in_venv():\n    pass\n",
        "myenv/pyvenv.cfg": "home = /usr\n",
        "myenv/lib/w.py": "def in_named_venv():\n    pass\n",
        "build/b.py": "def built():\n    pass\n",
    })
    _, out, _ = run("analyze", str(tmp_path), "--format", "json")
    assert [fn["qualified_name"] for fn in json.loads(out)["functions"]] == ["main.f"]


def test_csv_and_text_and_output_file(tmp_path: Path) -> None:
    project = write(tmp_path / "p", {"m.py": "class C:\n    def meth(self, x):\n        return x\n"})
    code, out, _ = run("analyze", str(project), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["qualified_name"] for r in rows] == ["m.C.meth"]
    assert rows[0]["line"] == "2"
    code, out, _ = run("analyze", str(project))
    assert "m.C.meth" in out and "m.py:2" in out
    target = tmp_path / "report.json"
    code, out, _ = run("analyze", str(project), "--format", "json", "--output", str(target))
    assert code == 0 and out == ""
    check_report(json.loads(target.read_text(encoding="utf-8")))


GRADES = {"m.py": """import tensorflow as tf


def proven(x):
    return x * 2


def assumed(x: tf.Tensor):
    return x + 1


def main():
    return proven(tf.constant(1.0))
"""}


def test_each_edit_is_graded_in_json_csv_and_text(tmp_path: Path) -> None:
    project = write(tmp_path, GRADES)
    expected = {"m.proven": "safe", "m.assumed": "unsafe", "m.main": None}
    code, out, err = run("analyze", str(project), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    check_report(report)
    assert {fn["qualified_name"]: fn["applicability"] for fn in report["functions"]} == expected
    _, out, _ = run("analyze", str(project), "--format", "csv")
    rows = csv.DictReader(io.StringIO(out))
    assert {r["qualified_name"]: r["applicability"] or None for r in rows} == expected
    _, out, _ = run("analyze", str(project))
    header, *rows = out.splitlines()
    grades = {row.split()[1]: row.split()[7] for row in rows[:3]}
    assert header.split()[7] == "edit"
    assert grades == {"m.proven": "safe", "m.assumed": "unsafe", "m.main": "-"}


HINTS = REPO / "tests" / "analysis" / "fixtures" / "hint_tensor_parameters"


def test_hint_based_decisions_are_listed_and_switched_off_by_no_type_hints() -> None:
    code, out, err = run("analyze", str(HINTS), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    check_report(report)
    hinted = {fn["qualified_name"]: fn for fn in report["functions"]
              if any(a["basis"] == "type_hint" for a in fn["assumptions"])}
    # Every hint spelling of the fixture (tf.Tensor through an alias, Variable, RaggedTensor,
    # SparseTensor, TensorLike, Optional/Union/| None, list/Sequence) and the called function
    # whose passed values are opaque; never halve, which WALA sees get a float.
    assert set(hinted) == {f"ops.{name}" for name in (
        "scaled", "maybe", "either", "piped", "many", "listed", "ragged", "sparse", "like",
        "variable")}
    assert all(fn["tensor_parameter"] and fn["applicability"] == "unsafe"
               for fn in hinted.values())
    assert all("annotated" in a["reason"] for fn in hinted.values() for a in fn["assumptions"])
    code, out, err = run("analyze", str(HINTS), "--format", "json", "--no-type-hints")
    assert code == 0, err
    report = json.loads(out)
    assert report["settings"]["type_hints"] is False
    without = {fn["qualified_name"]: fn for fn in report["functions"]}
    assert not [a for fn in without.values() for a in fn["assumptions"]
                if a["basis"] == "type_hint"]
    assert not any(without[name]["tensor_parameter"] for name in hinted)


def test_analyze_check_and_apply_check_agree_on_unsafe_edits(tmp_path: Path) -> None:
    project = write(tmp_path, {
        "m.py": "import tensorflow as tf\n\n\ndef assumed(x: tf.Tensor):\n    return x + 1\n"})
    code, out, _ = run("analyze", str(project), "--format", "json")
    [only] = json.loads(out)["functions"]
    assert (only["transformations"], only["applicability"]) == (["CONVERT_TO_HYBRID"], "unsafe")
    for unsafe, changes in (((), 0), (("--unsafe",), 1)):
        analyze, _, _ = run("analyze", str(project), "--check", *unsafe)
        apply, _, _ = run("apply", str(project), "--check", *unsafe)
        assert analyze == apply == changes, unsafe


def test_apply_select_of_an_unknown_function_names_near_matches(tmp_path: Path) -> None:
    project = write(tmp_path, {"m.py": "def scale(x):\n    return x * 2\n\n"
                                       "def shift(x):\n    return x + 1\n"})
    code, out, err = run("apply", str(project), "--select", "m.scael")
    assert (code, out) == (2, "")
    assert err == (f"hybridize: --select: no function 'm.scael' in {project} "
                   "(did you mean: m.scale)\n")
    code, out, err = run("apply", str(project), "--select", "m.scale", "--select", "zzz")
    assert (code, out) == (2, "")
    assert err == f"hybridize: --select: no function 'zzz' in {project}\n"


def test_bad_heap_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run("analyze", str(tmp_path), "--jvm-heap", "lots")
    assert (code, out) == (2, "")
    assert err.startswith("hybridize: invalid JVM heap") and err.count("\n") == 1


def test_an_unwritable_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    project = write(tmp_path / "p", {"m.py": "def f(x):\n    return x\n"})
    for target, reason in ((tmp_path / "missing" / "r.json", "no directory"),
                           (tmp_path, "is a directory")):
        for command in ("analyze", "callgraph"):
            code, out, err = run(command, str(project), "--output", str(target))
            assert (code, out) == (2, ""), (command, err)
            assert err.startswith("hybridize: cannot write") and reason in err
            assert err.count("\n") == 1


def test_an_unwritable_output_is_found_before_the_analysis_runs(tmp_path: Path) -> None:
    # Without jars the analysis would fail; the output is checked before it starts.
    project = write(tmp_path / "p", {"m.py": "def f(x):\n    return x\n"})
    done = _cli_subprocess("analyze", str(project), "--output", str(tmp_path / "no" / "r.txt"),
                           env={"HYBRIDIZE_JARS": str(tmp_path)})
    assert (done.returncode, done.stdout) == (2, "")
    assert "cannot write" in done.stderr and "fetch_wala" not in done.stderr


def test_a_negative_call_graph_budget_is_a_usage_error(capsys) -> None:
    for budget in ("-1", "nan", "soon"):
        try:
            main(["analyze", str(EXAMPLE), "--call-graph-budget", budget])
        except SystemExit as exc:
            assert exc.code == 2
        else:
            raise AssertionError(f"--call-graph-budget {budget} was accepted")
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith("usage: hybridize analyze")
        last = captured.err.strip().splitlines()[-1]
        assert last == (f"hybridize analyze: error: argument --call-graph-budget: "
                        f"{budget!r} is not a number of seconds >= 0")


def _cli_subprocess(*argv: str, env: dict[str, str] | None = None, timeout: float = 600):
    """The CLI in a fresh process: needed where the JVM must start differently, or where a
    regression would hang."""
    import os
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "hybridize", *argv], capture_output=True,
                          text=True, cwd=REPO, env={**os.environ, **(env or {})},
                          timeout=timeout)


def test_special_files_are_skipped_as_errors_not_read(tmp_path: Path) -> None:
    import os
    import socket

    project = write(tmp_path / "p", {"good.py": "def ok(x):\n    return x\n"})
    os.mkfifo(project / "fifo.py")
    os.mkfifo(tmp_path / "outside_fifo")
    (project / "to_fifo.py").symlink_to(tmp_path / "outside_fifo")
    (project / "zeros.py").symlink_to("/dev/zero")  # reading it never ends
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(project / "sock.py"))
        # A hang here is the bug: reading a FIFO blocks until a writer comes.
        done = _cli_subprocess("analyze", str(project), "--format", "json", timeout=300)
        alone = _cli_subprocess("analyze", str(project / "fifo.py"), "--format", "json",
                                timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    check_report(report)
    assert [fn["qualified_name"] for fn in report["functions"]] == ["good.ok"]
    errors = {e["file"]: e["message"] for e in report["errors"]}
    assert errors == {
        "fifo.py": "not a regular file (a FIFO); skipped",
        "to_fifo.py": "not a regular file (a FIFO); skipped",
        "zeros.py": "not a regular file (a character device); skipped",
        "sock.py": "not a regular file (a socket); skipped",
    }
    assert alone.returncode == 2 and "no file could be analysed" in alone.stderr
    assert json.loads(alone.stdout)["errors"][0]["file"] == "fifo.py"


def test_missing_jars_name_the_command_that_builds_them(tmp_path: Path) -> None:
    done = _cli_subprocess("analyze", str(EXAMPLE), env={"HYBRIDIZE_JARS": str(tmp_path)})
    assert done.returncode == 2 and done.stdout == ""
    assert "bash scripts/fetch_wala.sh" in done.stderr and "Traceback" not in done.stderr


def test_a_heap_the_jvm_refuses_is_one_line_and_exit_2(tmp_path: Path) -> None:
    write(tmp_path, {"m.py": "def f(x):\n    return x\n"})
    # Too small for the JVM to start; larger than any address space.
    for heap in ("1k", "9999999999g"):
        done = _cli_subprocess("analyze", str(tmp_path), "--jvm-heap", heap)
        assert (done.returncode, done.stdout) == (2, ""), (heap, done.stdout, done.stderr)
        assert done.stderr.startswith("hybridize: ") and done.stderr.count("\n") == 1, done.stderr
        assert heap in done.stderr
    done = _cli_subprocess("analyze", str(tmp_path), env={"HYBRIDIZE_JVM_HEAP": "1k"})
    assert (done.returncode, done.stdout) == (2, "") and "HYBRIDIZE_JVM_HEAP" in done.stderr


def test_running_out_of_heap_names_the_heap_setting(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(REPO / "evaluation"))
    from generate_project import generate

    # Big enough that no build of the front end analyses it in this heap, however compact.
    generate(tmp_path, kloc=40)
    for command in ("callgraph", "analyze"):
        done = _cli_subprocess(command, str(tmp_path), "--jvm-heap", "16m")
        assert done.returncode == 2, command
        assert "--jvm-heap" in done.stderr and "HYBRIDIZE_JVM_HEAP" in done.stderr
        # One line: no Python traceback, no Java stack trace or notice from a helper thread.
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_switches_that_change_results_are_reported_in_settings() -> None:
    code, out, _ = run("analyze", str(EXAMPLE), "--format", "json", "--no-speculative",
                       "--no-type-hints", "--context", "0-cfa")
    assert code == 0
    report = json.loads(out)
    assert report["settings"]["speculative"] is False
    assert report["settings"]["type_hints"] is False
    assert report["settings"]["context"] == "0-cfa"
    # Without speculation nothing may rest on an assumption.
    assert all(fn["assumptions"] == [] for fn in report["functions"])


def test_a_context_sensitive_analysis_past_its_budget_falls_back_and_says_so() -> None:
    code, out, err = run("analyze", str(EXAMPLE), "--format", "json",
                         "--call-graph-budget", "0.000001")
    assert code == 0, err
    report = json.loads(out)
    check_report(report)
    assert report["settings"]["call_graph_budget_s"] == 0.000001
    # The context asked for stays in the settings; the notes say what was built instead.
    assert report["settings"]["context"] == "1-cfa"
    [note] = report["notes"]
    assert "1-cfa" in note and "0-cfa" in note
    # The fallback graph still decides: nothing became undetermined for lack of a graph.
    assert all(fn["recursive"] is not None for fn in report["functions"])
    code, out, _ = run("analyze", str(EXAMPLE), "--format", "json")
    assert json.loads(out)["notes"] == []


def test_settings_echo_the_values_the_analysis_used(tmp_path: Path, monkeypatch) -> None:
    from hybridize.bridge import jvm

    code, out, _ = run("analyze", str(EXAMPLE), "--format", "json")
    settings = json.loads(out)["settings"]
    assert code == 0 and jvm.running() is not None
    assert settings == {"speculative": True, "type_hints": True, "context": "1-cfa",
                        "call_graph_budget_s": 120.0, "call_graph_work": DEFAULT_CALL_GRAPH_WORK,
                        "deadline_s": DEFAULT_DEADLINE_S,
                        "memory_fraction": DEFAULT_MEMORY_FRACTION,
                        "jvm_heap": jvm.running().options.heap, "exclude": [], "ignore": [], "config": None,
                        "tensorflow": {"version": None, "keras": 3, "source": "default"}}
    # Without functions no JVM starts, so the heap can differ from the running one's.
    monkeypatch.setenv("HYBRIDIZE_JVM_HEAP", "3g")
    _, out, _ = run("analyze", str(tmp_path), "--format", "json")
    assert json.loads(out)["settings"]["jvm_heap"] == "3g"
    _, out, _ = run("analyze", str(tmp_path), "--format", "json", "--jvm-heap", "5g")
    assert json.loads(out)["settings"]["jvm_heap"] == "5g"
    monkeypatch.delenv("HYBRIDIZE_JVM_HEAP")
    _, out, _ = run("analyze", str(tmp_path), "--format", "json")
    assert json.loads(out)["settings"]["jvm_heap"] == jvm.default_heap()


def test_target_tensorflow_is_read_from_the_project_and_overridable(tmp_path: Path) -> None:
    write(tmp_path, {"requirements.txt": "numpy\ntensorflow-gpu>=2.4,<2.16\n"})
    code, out, _ = run("analyze", str(tmp_path), "--format", "json")
    assert code == 0
    assert json.loads(out)["settings"]["tensorflow"] == {
        "version": "2.15", "keras": 2, "source": "requirements.txt"}
    code, out, _ = run("analyze", str(tmp_path), "--format", "json", "--tensorflow", "2.17")
    assert json.loads(out)["settings"]["tensorflow"] == {
        "version": "2.17", "keras": 3, "source": "--tensorflow"}
    # The text report says it too, with where it came from.
    _, out, _ = run("analyze", str(tmp_path))
    assert "target: TensorFlow 2.15, Keras 2 (requirements.txt)" in out.splitlines()
    _, out, _ = run("analyze", str(tmp_path), "--tensorflow", "2.17")
    assert "target: TensorFlow 2.17, Keras 3 (--tensorflow)" in out.splitlines()


def test_a_tensorflow_option_that_is_no_version_is_a_usage_error(tmp_path: Path,
                                                                 capsys) -> None:
    try:
        main(["analyze", str(tmp_path), "--tensorflow", "newest"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("--tensorflow newest was accepted")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines()[-1] == (
        "hybridize analyze: error: argument --tensorflow: 'newest' is not a TensorFlow "
        "version (e.g. 2.15 or 2.9.3)")


class _Terminal(io.StringIO):
    """A stderr that claims to be a terminal, so that the progress line is drawn."""

    def isatty(self) -> bool:
        return True


def test_progress_covers_every_long_phase(tmp_path: Path) -> None:
    project = write(tmp_path, {"a.py": "def f(x):\n    return x\n",
                               "b.py": "from a import f\n\ndef g(y):\n    return f(y)\n"})
    err = _Terminal()
    code = main(["analyze", str(project), "--format", "json"], out=io.StringIO(), err=err)
    assert code == 0, err.getvalue()
    shown = err.getvalue().replace("\x1b[2K", "").split("\r")
    for message in ("[1/2] parsing a.py", "[2/2] parsing b.py",    # Python's ast
                    "[1/2] sending a.py", "[2/2] sending b.py",    # the bridge upload
                    "building the 1-cfa call graph (WALA)",        # pointer analysis
                    "analysing 2 functions",                       # the attribute analyses
                    "[1/2] deciding a.f", "[2/2] deciding b.g"):   # the precondition tables
        assert message in shown, (message, shown)
    assert err.getvalue().endswith("\r\x1b[2K"), "the last status line is erased"
    err = _Terminal()
    assert main(["callgraph", str(project)], out=io.StringIO(), err=err) == 0
    assert "building the 1-cfa call graph (WALA)" in err.getvalue()
    # Not on a terminal: nothing but what the user must read.
    code, _, plain = run("analyze", str(project))
    assert (code, plain) == (0, "")
