"""Closures reaching a function late, unsupported constructs, positions, points-to and IR."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from frontend_helpers import FIXTURES, build_fixture, project_edges, span_of

from hybridize.bridge.wala import AbstractObject, CallGraphSettings
from hybridize.commands.callgraph import add_arguments, run_callgraph
from hybridize.renderers.callgraph import callgraph_document, to_dot
from hybridize.report import Span

pytestmark = pytest.mark.jvm

ONE_CFA = CallGraphSettings(context="1-cfa")
ONE_CFA_WITHOUT_WORKAROUND = CallGraphSettings(context="1-cfa", lexical_refresh=False)
LATE_EDGE = ("late.make.inner", "late.second")


def test_closure_reaching_a_function_late_is_resolved_by_the_lexical_workaround() -> None:
    edges = project_edges(build_fixture("late_closure", ONE_CFA))
    assert ("late.make.inner", "late.first") in edges
    assert LATE_EDGE in edges


def test_without_the_workaround_wala_drops_the_late_closure() -> None:
    # wala/WALA#1990: the second closure object reaches `inner` after its lexical reads were
    # resolved, so WALA 1.6.12 alone never connects it. This test fails once WALA is fixed.
    edges = project_edges(build_fixture("late_closure", ONE_CFA_WITHOUT_WORKAROUND))
    assert ("late.make.inner", "late.first") in edges
    assert LATE_EDGE not in edges


def test_context_sensitivity_separates_calls_through_a_shared_helper() -> None:
    zero = project_edges(build_fixture("context", CallGraphSettings(context="0-cfa")))
    one = project_edges(build_fixture("context", ONE_CFA))
    spurious = {("ctx.use_left", "ctx.right"), ("ctx.use_right", "ctx.left")}
    assert spurious <= zero
    assert not spurious & one
    assert {("ctx.use_left", "ctx.left"), ("ctx.use_right", "ctx.right")} <= one


def test_unsupported_construct_is_recorded_and_the_file_still_analysed() -> None:
    project = build_fixture("unsupported")
    assert [(e.file, e.line) for e in project.errors] == [("dyn.py", 5)]
    assert "not resolved statically" in project.errors[0].message
    assert project_edges(project) == {
        ("dyn", "dyn.make_base"),
        ("dyn", "dyn.main"),
        ("dyn.main", "dyn.Dynamic.method"),
        ("dyn.Dynamic.method", "dyn.helper"),
    }


def test_parameter_positions_are_code_point_columns_after_non_ascii_text() -> None:
    project = build_fixture("positions")
    function = project.function("pos.naïve")
    assert function is not None
    source = (FIXTURES / "positions" / "pos.py").read_text(encoding="utf-8")
    first_line = source.splitlines()[0]
    expected = tuple(
        (name, 1, first_line.index(name)) for name in ("α", "β", "rest", "κ", "options")
    )
    assert tuple((p.name, p.line, p.col) for p in function.params) == expected
    # The byte offset CPython reports differs: the column really was converted.
    tree = ast.parse(source)
    beta = tree.body[0].args.args[1]  # type: ignore[attr-defined]
    assert beta.col_offset != first_line.index("β")
    plain = project.function("pos.plain")
    assert plain is not None and [(p.name, p.line, p.col) for p in plain.params] == [
        ("self_like", 5, 10),
        ("second", 5, 21),
    ]


def test_points_to_a_constant_and_an_object_allocated_at_a_known_line() -> None:
    project = build_fixture("points_to")
    assert project.points_to("objs.take", "value") == [AbstractObject("constant", "int", value=42)]
    assert project.points_to("objs.take", "flag") == [
        AbstractObject("constant", "bool", value=True)
    ]
    assert project.points_to("objs.take", "text") == [AbstractObject("constant", "str", value="hi")]
    assert project.points_to("objs.take", "nothing") == [
        AbstractObject("constant", "NoneType", value=None)
    ]
    assert project.points_to("objs.take", "obj") == [
        AbstractObject("object", "objs.Box", "objs.py", 10,
                       span=span_of("points_to", "objs.py", 10, "Box()"))
    ]


def test_points_to_function_objects_and_library_objects() -> None:
    project = build_fixture("closures")
    assert project.points_to("funcs.apply", "f") == [
        # A function object is made by its whole definition (two lines).
        AbstractObject("function", "funcs.double", "funcs.py", 20, span=Span(20, 0, 21, 16))
    ]
    imports = build_fixture("imports")
    assert imports.points_to("pkg.sub.sub_func", "nonexistent") == []


def test_ir_text_names_the_calls_and_allocations() -> None:
    project = build_fixture("points_to")
    ir = project.ir("objs.main")
    assert "new <PythonLoader,Lscript objs.py/Box>" not in ir  # a class is called, not new'd
    assert "call" in ir and "global objs::take" in ir
    assert "Lscript objs.py/Box" in project.ir("objs")
    with pytest.raises(KeyError):
        project.ir("objs.missing")


def test_callgraph_command_prints_the_contract_json_and_dot(tmp_path: Path) -> None:
    import argparse
    import io

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([str(FIXTURES / "negative"), "--output", str(tmp_path / "cg.json")])
    out, err = io.StringIO(), io.StringIO()
    assert run_callgraph(args, out, err) == 0, err.getvalue()
    document = json.loads((tmp_path / "cg.json").read_text())
    assert set(document) == {"nodes", "edges", "errors", "context"}
    assert document["context"] in ("0-cfa", "1-cfa")
    assert {"qualified_name": "a.run", "file": "a.py", "line": 5} in document["nodes"]
    edge = {"caller": "a.run", "callee": "a.process", "file": "a.py", "line": 6}
    assert edge in document["edges"]
    dot = to_dot(callgraph_document(build_fixture("negative")))
    assert dot.startswith("digraph") and '"a.run" -> "a.process";' in dot


def test_callgraph_command_reports_a_missing_path(tmp_path: Path) -> None:
    import argparse
    import io

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([str(tmp_path / "nope")])
    err = io.StringIO()
    assert run_callgraph(args, io.StringIO(), err) == 2
    assert "no such file" in err.getvalue()


def test_library_loops_closures_after_calls_and_builtin_bases_need_no_workaround() -> None:
    project = build_fixture("robustness")
    assert project.errors == []
    assert ("robust.walk", "robust.walk") in project_edges(project)
    assert project.function("robust.counts_after_call.<lambda@16:27>") is not None
    assert project.points_to("robust.walk", "node")  # rooted function: the loop's objects


def _engine_result(modules: list[dict]) -> dict:
    from hybridize.bridge import jvm
    from hybridize.bridge.wala import ENGINE_CLASS, UPLOAD_CLASS

    upload = jvm.jclass(UPLOAD_CLASS)()
    for module in modules:
        upload.add(_compact_document(module))
    engine = jvm.jclass(ENGINE_CLASS).build(upload, None, CallGraphSettings().to_json())
    return json.loads(str(engine.resultJson()))


_POSITION_KEYS = ("l", "c", "el", "ec")


def _compact_document(module: dict) -> str:
    """A module written as dict nodes (``{"_": "Pass", "l": 2, ...}``, readable in a test) in
    the wire schema of ``hybridize/bridge/serialize.py``: layouts, then node arrays."""
    layouts: list[list] = []
    index: dict[tuple, int] = {}

    def node(d: dict) -> list:
        fields = tuple(k for k in d if k != "_" and k not in _POSITION_KEYS)
        positioned = "l" in d
        key = (d["_"], positioned, fields)
        if key not in index:
            index[key] = len(layouts)
            layouts.append([d["_"], positioned, *fields])
        out = [index[key]]
        if positioned:
            out += [d.get(k) for k in _POSITION_KEYS]
        return out + [value(d[k]) for k in fields]

    def value(v: object) -> object:
        if isinstance(v, dict):
            return node(v)
        if isinstance(v, list):
            return [value(x) for x in v]
        return v

    tree = node(module["ast"])
    header = {k: module[k] for k in ("v", "file", "module", "package")}
    return json.dumps({**header, "classes": layouts, "ast": tree})


def _module(name: str, body: list[dict]) -> dict:
    ast_json = {"_": "Module", "body": body}
    return {"v": 3, "file": f"{name}.py", "module": name, "package": False, "ast": ast_json}


GOOD_FUNCTION = {
    "_": "FunctionDef", "l": 1, "c": 0, "name": "ok", "decorator_list": [], "body": [
        {"_": "Pass", "l": 2, "c": 4}
    ],
    "args": {"_": "arguments", "posonlyargs": [], "args": [], "kwonlyargs": [],
             "kw_defaults": [], "defaults": []},
}


def test_translator_failures_are_reported_and_other_code_survives() -> None:
    broken_statement = {"_": "Assign", "l": 3, "c": 0}  # no targets: the translator throws
    unknown_node = {"_": "FancyNewStatement", "l": 4, "c": 0}
    result = _engine_result([
        _module("partly", [GOOD_FUNCTION, broken_statement, unknown_node]),
        {"v": 3, "file": "broken.py", "module": "broken", "package": False, "ast": {"_": "Module"}},
        _module("fine", [GOOD_FUNCTION]),
    ])
    messages = {(e["file"], e["line"]): e["message"] for e in result["errors"]}
    assert "cannot translate Assign" in messages[("partly.py", 3)]
    assert "unsupported statement FancyNewStatement" in messages[("partly.py", 4)]
    # A module the CAst loader itself gave up on is not silently dropped.
    assert any(file == "broken.py" for file, _ in messages)
    names = {f["qualified_name"] for f in result["functions"]}
    assert {"partly", "partly.ok", "fine", "fine.ok"} <= names
    assert "broken" not in names


def test_an_unusable_document_gives_a_fatal_message_not_a_java_exception() -> None:
    result = _engine_result([{**_module("future", []), "v": 99}])
    assert "unsupported AST schema version" in result["fatal"]


def test_modules_keep_their_upload_order_whatever_the_parse_timing() -> None:
    # A large module first: its background parse is still running when the small ones arrive.
    big = _module("big", [GOOD_FUNCTION] * 3000)
    names = [f"m{i}" for i in range(20)]
    result = _engine_result([big] + [_module(n, [GOOD_FUNCTION]) for n in names])
    modules = [f["qualified_name"] for f in result["functions"] if f["kind"] == "module"]
    assert modules == ["big", *names]


def test_a_project_without_modules_has_an_empty_call_graph(tmp_path: Path) -> None:
    from hybridize.bridge.wala import WalaProject
    from hybridize.parse.project import load_project

    project = WalaProject.build(load_project(tmp_path))
    assert (project.functions, project.edges, project.errors) == ([], [], [])


def test_expressions_nested_thousands_deep_are_analysed(tmp_path: Path) -> None:
    from hybridize.bridge.wala import WalaProject
    from hybridize.parse.project import load_project

    # ast.parse accepts a chain this long; walking it needs far more than 1000 frames.
    chain = " + ".join(["a"] * 2500)
    (tmp_path / "deep.py").write_text(f"def f(a):\n    return {chain}\n\n\nf(1)\n")
    project = WalaProject.build(load_project(tmp_path))
    assert project.errors == []
    assert ("deep", "deep.f") in project_edges(project)


def test_a_module_that_cannot_be_serialised_is_reported_and_the_rest_analysed(
        tmp_path: Path, monkeypatch) -> None:
    from hybridize.bridge import wala
    from hybridize.parse.project import load_project

    (tmp_path / "kept.py").write_text("def g():\n    pass\n\n\ng()\n")
    (tmp_path / "lost.py").write_text("def h():\n    pass\n")
    serialize = wala.serialize_module

    def failing_for_lost(module):
        if module.source.relpath == "lost.py":
            raise RecursionError("maximum recursion depth exceeded")
        return serialize(module)

    monkeypatch.setattr(wala, "serialize_module", failing_for_lost)
    project = wala.WalaProject.build(load_project(tmp_path))
    assert [(e.file, e.message) for e in project.errors] == [
        ("lost.py", "nested too deeply to analyse; the rest of the project is analysed")]
    assert project.lost_files == {"lost.py"}
    assert ("kept", "kept.g") in project_edges(project)
