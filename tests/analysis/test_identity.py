"""One identity rule for functions on both sides of the bridge: the qualified names Python
reports are the names WALA's front end gives the same definitions."""

from __future__ import annotations

import pytest
from fixture_cases import all_cases

from hybridize.bridge.wala import WalaProject
from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project

CASES = [case for case in all_cases() if "xfail" not in case.expected]


@pytest.mark.jvm
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_python_and_java_name_every_definition_alike(case) -> None:
    sources = load_project(case.root)
    python = [fn.qualified_name for m in sources.modules for fn in module_functions(m)]
    java = {fn.qualified_name for fn in WalaProject.build(sources).functions}
    assert len(python) == len(set(python)), "two definitions share a name"
    assert set(python) <= java, sorted(set(python) - java)


def test_a_later_definition_is_edited_by_its_own_name() -> None:
    from hybridize.edit import EditRequest, plan_file
    from hybridize.report import Transformation

    source = (b"import tensorflow as tf\nif True:\n    def f(x):\n        return x\n"
              b"else:\n    def f(x):\n        return -x\n")
    plan = plan_file("m.py", source, [EditRequest(6, "m.f@6", Transformation.CONVERT_TO_HYBRID)])
    assert plan.refusals == () and plan.edit is not None
    assert plan.edit.updated.splitlines()[5:7] == [b"    @tf.function", b"    def f(x):"]


@pytest.mark.jvm
def test_classes_nested_in_classes_are_named_alike(tmp_path) -> None:
    (tmp_path / "m.py").write_text(
        "class Table:\n    class Row:\n        class Cell:\n            def text(self):\n"
        "                return ''\n\n        def width(self):\n            return 1\n\n"
        "def outer():\n    class Local:\n        class Inner:\n            def shrink(self):\n"
        "                return 0\n    return Local\n", encoding="utf-8")
    sources = load_project(tmp_path)
    python = {fn.qualified_name for m in sources.modules for fn in module_functions(m)}
    java = {fn.qualified_name for fn in WalaProject.build(sources).functions}
    assert python == {"m.Table.Row.Cell.text", "m.Table.Row.width", "m.outer",
                      "m.outer.Local.Inner.shrink"}
    assert python <= java, sorted(python - java)
