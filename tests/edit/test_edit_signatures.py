"""`apply` writes input signatures into tf.function decorators, whatever their spelling, and
changes nothing else."""

from __future__ import annotations

import pytest

from hybridize.edit import EditRequest, plan_file
from hybridize.report import Transformation

SPECS = (((None, 3), "float32"), (None, "int64"))
WRITTEN = ("input_signature=[tf.TensorSpec(shape=[None, 3], dtype=tf.float32), "
           "tf.TensorSpec(shape=None, dtype=tf.int64)]")
RECONFIGURE = Transformation.RECONFIGURE


def edited(source: str, line: int, transformation: Transformation = RECONFIGURE) -> str:
    plan = plan_file("m.py", source.encode(), [EditRequest(line, "m.f", transformation,
                                                           input_signature=SPECS)])
    assert plan.refusals == ()
    assert plan.edit is not None
    return plan.edit.updated.decode()


@pytest.mark.parametrize(("decorator", "after"), [
    ("@tf.function", f"@tf.function({WRITTEN})"),
    ("@tf.function()", f"@tf.function({WRITTEN})"),
    ("@tf.function(jit_compile=True)", f"@tf.function(jit_compile=True, {WRITTEN})"),
    ("@tf.function(\n    jit_compile=True,\n)", f"@tf.function(\n    jit_compile=True, {WRITTEN},\n)"),
    ("@tf.function(input_signature=[tf.TensorSpec([2, 3])], jit_compile=True)",
     f"@tf.function({WRITTEN}, jit_compile=True)"),
])
def test_every_decorator_form_gets_the_keyword(decorator: str, after: str) -> None:
    source = f"import tensorflow as tf\n\n\n{decorator}\ndef f(x, n):  # keep\n    return x\n"
    line = source.splitlines().index("def f(x, n):  # keep") + 1
    expected = source.replace(decorator, after)
    assert edited(source, line) == expected


def test_an_alias_of_the_package_spells_the_specs() -> None:
    source = "import tensorflow as tflow\n\n\n@tflow.function\ndef f(x, n):\n    return x\n"
    assert edited(source, 5) == source.replace(
        "@tflow.function", "@tflow.function(" + WRITTEN.replace("tf.", "tflow.") + ")")


def test_the_fully_qualified_spelling_is_kept() -> None:
    source = "import tensorflow\n\n\n@tensorflow.function\ndef f(x, n):\n    return x\n"
    assert edited(source, 5) == source.replace(
        "@tensorflow.function",
        "@tensorflow.function(" + WRITTEN.replace("tf.", "tensorflow.") + ")")


def test_a_function_import_alone_gets_the_package_imported() -> None:
    source = "from tensorflow import function as fn\n\n\n@fn\ndef f(x, n):\n    return x\n"
    assert edited(source, 5) == (
        "import tensorflow as tf\nfrom tensorflow import function as fn\n\n\n"
        f"@fn({WRITTEN})\ndef f(x, n):\n    return x\n")


def test_writing_the_same_signature_twice_changes_nothing() -> None:
    source = edited("import tensorflow as tf\n\n\n@tf.function\ndef f(x, n):\n    return x\n", 5)
    plan = plan_file("m.py", source.encode(), [EditRequest(5, "m.f", RECONFIGURE,
                                                           input_signature=SPECS)])
    assert plan.edit is None and plan.refusals == ()


def test_adding_the_decorator_can_carry_the_signature() -> None:
    source = "import tensorflow as tf\n\n\ndef f(x, n):\n    return x\n"
    assert edited(source, 4, Transformation.CONVERT_TO_HYBRID) == source.replace(
        "def f", f"@tf.function({WRITTEN})\ndef f")


def test_splatted_options_are_refused() -> None:
    source = "import tensorflow as tf\n\n\n@tf.function(**opts)\ndef f(x, n):\n    return x\n"
    plan = plan_file("m.py", source.encode(), [EditRequest(5, "m.f", RECONFIGURE,
                                                           input_signature=SPECS)])
    assert plan.edit is None
    assert [r.reason for r in plan.refusals] == [
        "the tf.function decorator's arguments cannot take an input_signature keyword here"]
