"""What call sites pass to a parameter is reported as a sample: of each class of value (kind,
Keras-symbolic, untyped, repeating) the first eight in source order, so that a parameter
reached by hundreds of merged objects costs eight, and every question about a class is
answered as all of them would answer it (real JVM)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hybridize.bridge.wala import WalaProject
from hybridize.parse.project import load_project

pytestmark = pytest.mark.jvm

#: ``PassedSample.PER_CLASS`` on the Java side.
PER_CLASS = 8


def test_each_class_of_passed_value_keeps_its_first_eight_in_source_order(tmp_path: Path) -> None:
    calls = "\n".join(f"    use({n})" for n in range(20))  # twenty int literals, one per line
    (tmp_path / "m.py").write_text(
        "import tensorflow as tf\n\n\n"
        "def use(x):\n    return x\n\n\n"
        f"def main():\n{calls}\n    use(tf.constant(1.0))\n    use(True)\n    use(2.5)\n\n\n"
        "main()\n")
    passed = WalaProject.build(load_project(tmp_path)).parameter_values()["m.use"]["x"]
    ints = [v for v in passed if v.kind == "int"]
    assert [v.what for v in ints] == [f"the int literal {n}" for n in range(PER_CLASS)]
    assert [v.call.line for v in ints] == list(range(9, 9 + PER_CLASS))
    # The other classes are all there: a tensor, a bool, a float.
    assert {v.kind for v in passed} == {"int", "tensor", "bool", "float"}
    # In source order across classes, as the report's evidence lists them.
    lines = [v.call.line for v in passed]
    assert lines == sorted(lines)
