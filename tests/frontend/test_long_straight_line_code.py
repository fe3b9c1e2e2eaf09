"""Long straight-line code (a module of many definitions, a display of many items) is cut into
bounded basic blocks and displays are written without temporaries, which keeps translation
linear; what the pointer analysis sees is unchanged (real JVM)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hybridize.bridge.wala import WalaProject
from hybridize.parse.project import load_project

pytestmark = pytest.mark.jvm

#: Well past ``PyCAstToIR.MAX_BLOCK_INSTRUCTIONS`` (256) instructions in one block.
ITEMS = 700


def _build(tmp_path: Path, source: str) -> WalaProject:
    (tmp_path / "m.py").write_text(source)
    return WalaProject.build(load_project(tmp_path))


def test_elements_of_a_long_display_reach_where_they_are_read(tmp_path: Path) -> None:
    ints = ", ".join(str(n) for n in range(ITEMS))
    project = _build(tmp_path, (
        "import tensorflow as tf\n\n\n"
        "def first(x):\n    return x\n\n\n"
        "def last(x):\n    return x\n\n\n"
        "def whole(xs):\n    return xs\n\n\n"
        f"items = ({ints}, tf.constant(1.0))\n"
        f"first(items[0])\nlast(items[{ITEMS}])\n"
        f"whole([{ints}, tf.constant(2.0)])\n"
        f"whole({{'a': 1, 'b': tf.constant(3.0), **{{'c': 4}}}})\n"))
    values = project.parameter_values()
    # Written past the block bound, the tensor still reaches the read of its position (a read of
    # so long a tuple sees its elements merged, as it did before the bound).
    assert "int" in {v.kind for v in values["m.first"]["x"]}
    assert "tensor" in {v.kind for v in values["m.last"]["x"]}
    # A list holding tensors and ints, and a dict holding both: containers of each.
    assert {v.kind for v in values["m.whole"]["xs"]} == {"tensor_container",
                                                         "primitive_container"}


def test_calls_across_a_module_of_many_definitions_are_edges(tmp_path: Path) -> None:
    defs = "".join(f"def f_{n}(x):\n    return f_{n - 1}(x)\n\n\n" for n in range(1, ITEMS))
    project = _build(tmp_path, f"def f_0(x):\n    return x\n\n\n{defs}f_{ITEMS - 1}(1)\n")
    edges = {(e.caller, e.callee) for e in project.edges}
    assert ("m.f_1", "m.f_0") in edges and (f"m.f_{ITEMS - 1}", f"m.f_{ITEMS - 2}") in edges
    assert {v.kind for v in project.parameter_values()["m.f_0"]["x"]} == {"int"}
