"""Library results typed by the API model flow through WALA's pointer analysis (real JVM).

The API model (hybridize/models/tensorflow.json, bundled in the jar) gives each library
result a kind; operators, subscripts, dataset elements and builtins carry the kinds on. The
parameter-value query reports, per call site, what reaches each parameter.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from frontend_helpers import build_fixture, span_of

from hybridize.bridge.value_kinds import ArgumentFact, ValueKind
from hybridize.bridge.wala import AbstractObject, WalaProject
from hybridize.parse.project import load_project
from hybridize.report import Span

pytestmark = pytest.mark.jvm


def test_a_parameter_points_to_a_tensor_made_by_a_library_call_in_another_module() -> None:
    project = build_fixture("typed_values")
    objects = project.points_to("main.consume", "x")
    # tf.constant(...) in factory.make_tensor, line 5: a tensor-typed allocation site.
    assert AbstractObject("library", "tensorflow.constant", "factory.py", 5, value_kind="tensor",
                          span=span_of("typed_values", "factory.py", 5,
                                       "tf.constant([1.0, 2.0])")) in objects
    # .numpy() of a tensor is no tensor: the model leaves it untyped.
    assert [o for o in objects if o.line == 13] == [
        AbstractObject("library", "tensorflow.constant.numpy", "factory.py", 13,
                       span=span_of("typed_values", "factory.py", 13,
                                    "tf.constant([1.0]).numpy()"))]


def _kinds(project, function: str, parameter: str) -> set[str]:
    return {v.kind for v in project.parameter_values()[function][parameter]}


def test_operators_subscripts_and_comparisons_of_tensors_are_tensors() -> None:
    project = build_fixture("typed_values")
    for parameter in ("a", "b", "c", "d"):
        assert _kinds(project, "main.operators", parameter) == {"tensor"}, parameter


def test_computed_scalars_strings_and_tuples_of_scalars_are_primitive() -> None:
    project = build_fixture("typed_values")
    assert _kinds(project, "main.scalars", "n") == {"float"}
    assert _kinds(project, "main.scalars", "s") == {"str"}
    assert _kinds(project, "main.scalars", "flag") == {"bool"}
    assert _kinds(project, "main.scalars", "pair") == {"primitive_container"}


def test_dataset_elements_are_tensors_and_the_call_site_is_named() -> None:
    project = build_fixture("typed_values")
    [value] = project.parameter_values()["main.elements"]["row"]
    assert value.kind == "tensor"
    assert (value.call.caller, value.call.file, value.call.line) == ("main", "main.py", 28)
    assert value.file == "main.py" and value.line == 27  # the `for` reading the element


def test_a_parameter_no_call_site_supplies_gets_no_values() -> None:
    project = build_fixture("typed_values")
    values = project.parameter_values()
    assert values["factory.make_tensor"] == {}
    assert _kinds(project, "main.consume", "x") == {"tensor", "other"}


def test_library_call_arguments_are_typed_facts(tmp_path: Path) -> None:
    """Each object an argument may be: its ValueKind, whether it is a falsy literal, and the
    API path of an untyped library object (parsed once in the bridge)."""
    (tmp_path / "m.py").write_text(
        "import tensorflow as tf\n\n"
        "def f(x):\n    return tf.reduce_sum(x, 0, False, tf.float32), tf.cast(x, name=None)\n\n"
        "f(tf.constant([1.0]))\n", encoding="utf-8")
    project = WalaProject.build(load_project(tmp_path))
    calls = {e.callee: e for e in project.edges if e.caller == "m.f"}
    total = calls["tensorflow.reduce_sum"]
    assert [set(total.argument(i)) for i in range(4)] == [
        {ArgumentFact(ValueKind.TENSOR)},
        {ArgumentFact(ValueKind.INT, falsy=True)},
        {ArgumentFact(ValueKind.BOOL, falsy=True)},
        {ArgumentFact(ValueKind.OTHER, library_path="tensorflow.float32")},
    ]
    assert total.span == Span(4, 11, 4, 49)
    assert calls["tensorflow.cast"].keyword("name") == {ArgumentFact(ValueKind.NONE)}


def test_whether_an_allocation_site_may_run_again_comes_from_the_ir(tmp_path: Path) -> None:
    """``repeats``: module code runs once, except in its loops (for, while, comprehensions,
    generator expressions); a function's body (a lambda's too) may run at every call; a class
    body is part of the module code defining it."""
    (tmp_path / "m.py").write_text(
        "class Box:\n    pass\n\n"
        "def use(box):\n    return box\n\n"
        "def make():\n    return Box()\n\n"
        "class Holder:\n    BOX = Box()\n\n"
        "ONCE = Box()\n"                                   # line 13
        "for _ in range(2):\n    LOOPED = Box()\n"          # 15
        "COMPREHENDED = [Box() for _ in range(2)]\n"       # 16
        "GENERATED = list(Box() for _ in range(2))\n"      # 17
        "MADE = make()\n"                                  # 18
        "LAMBDA = (lambda: Box())()\n"                     # 19
        "i = 0\nwhile i < 2:\n    WHILE = Box()\n    i += 1\n"  # 22
        "for box in (ONCE, LOOPED, Holder.BOX, MADE, LAMBDA, WHILE, *COMPREHENDED, *GENERATED):\n"
        "    use(box)\n", encoding="utf-8")
    project = WalaProject.build(load_project(tmp_path))
    repeats = {value.line: value.repeats for value in project.parameter_values()["m.use"]["box"]
               if "`m.Box`" in value.what}
    assert repeats == {13: False, 11: False, 15: True, 16: True, 17: True, 8: True, 19: True,
                       22: True}, repeats
