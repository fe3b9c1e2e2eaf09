"""The speculative analysis: hints, framework contracts and naming conventions, on top of the
real call graph (the JVM and WALA decide which functions have call sites)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hybridize.analysis.facts import StaticFacts
from hybridize.analysis.infer import analyse_facts, run_analyses
from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project
from hybridize.report import Timing
from hybridize.settings import AnalysisSettings
from hybridize.verdicts.preconditions import FunctionAttributes


def analyse(tmp_path: Path, source: str, settings: AnalysisSettings | None = None
            ) -> dict[str, FunctionAttributes]:
    settings = settings or AnalysisSettings()
    (tmp_path / "m.py").write_text(textwrap.dedent(source))
    sources = load_project(tmp_path)
    functions = [fn for module in sources.modules for fn in module_functions(module)]
    return run_analyses(sources, functions, settings, Timing()).attributes


def reasons(finding) -> list[str]:
    return [a.reason for a in finding.assumptions]


def test_tensor_hint_decides_for_an_uncalled_function(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        import tensorflow as tf
        def f(value: tf.Tensor):
            return value
    """)["m.f"]
    assert attrs.tensor_parameter.value is True
    assert reasons(attrs.tensor_parameter) == [
        "no call site in the project calls it; parameter `value` is annotated `tensorflow.Tensor`"]
    assert attrs.primitive_parameter.value is False


@pytest.mark.parametrize("annotation", [
    "Optional[tf.Tensor]", "tf.Tensor | None", "'tf.Tensor'", "tf.Variable", "tf.RaggedTensor",
    "tf.SparseTensor", "tf.types.experimental.TensorLike", "Union[tf.Tensor, None]",
    "list[tf.Tensor]", "Sequence[tf.Tensor]", "Optional['tf.Tensor']", "'Optional[tf.Tensor]'",
    "Annotated[tf.Tensor, 'meters']", "None | tf.Tensor"])
def test_hint_spellings(tmp_path: Path, annotation: str) -> None:
    attrs = analyse(tmp_path, f"""
        from typing import Annotated, Optional, Sequence, Union
        import tensorflow as tf
        def f(value: {annotation}):
            return value
    """)["m.f"]
    assert attrs.tensor_parameter.value is True


@pytest.mark.parametrize("annotation", [
    "Callable[[tf.Tensor], tf.Tensor]", "type[tf.Tensor]", "tf.TensorSpec", "'tf.TensorShape'"])
def test_annotations_of_non_tensors(tmp_path: Path, annotation: str) -> None:
    # A function, a class object, a spec: the annotation mentions a tensor type, the value is not.
    attrs = analyse(tmp_path, f"""
        from typing import Callable
        import tensorflow as tf
        def f(value: {annotation}):
            return value
    """)["m.f"]
    assert attrs.tensor_parameter.value is False


def test_hint_through_an_import_alias_and_postponed_annotations(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        from __future__ import annotations
        import tensorflow as tf2
        from tensorflow import Tensor as T
        def f(value: tf2.Tensor, other: T):
            return value
    """)["m.f"]
    assert reasons(attrs.tensor_parameter) == [
        "no call site in the project calls it; parameter `value` is annotated `tensorflow.Tensor`",
        "no call site in the project calls it; parameter `other` is annotated `tensorflow.Tensor`"]


def test_hint_on_a_called_function_only_over_opaque_values(tmp_path: Path) -> None:
    source = """
        import functools
        import tensorflow as tf
        def opaque(value: tf.Tensor):
            return value
        def known(value: tf.Tensor):
            return value
        def unannotated(value):
            return value
        opaque(functools.reduce(tf.add, [tf.ones([1])]))
        known(2.0)
        unannotated(functools.reduce(tf.add, [tf.ones([1])]))
    """
    attrs = analyse(tmp_path, source)
    assert attrs["m.opaque"].tensor_parameter.value is True
    assert reasons(attrs["m.opaque"].tensor_parameter)[0].startswith(
        "parameter `value` is annotated `tensorflow.Tensor` and its call sites pass only values")
    assert attrs["m.known"].tensor_parameter.value is False  # WALA's float is a fact
    assert attrs["m.known"].primitive_parameter.value is True
    assert attrs["m.unannotated"].tensor_parameter.value is False
    no_hints = analyse(tmp_path, source, AnalysisSettings(type_hints=False))
    assert no_hints["m.opaque"].tensor_parameter.value is False


def test_primitive_hint(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        def f(value, times: int):
            return value
    """)["m.f"]
    assert attrs.primitive_parameter.value is True
    assert "annotated `int`" in reasons(attrs.primitive_parameter)[0]


def test_type_hints_setting_turns_hints_off(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        import tensorflow as tf
        def f(value: tf.Tensor, times: int):
            return value
    """, settings=AnalysisSettings(type_hints=False))["m.f"]
    assert attrs.tensor_parameter.value is False and attrs.primitive_parameter.value is False


def test_speculative_setting_turns_everything_off(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        import tensorflow as tf
        class M(tf.keras.Model):
            def call(self, inputs: tf.Tensor):
                return inputs
    """, settings=AnalysisSettings(speculative=False))["m.M.call"]
    assert attrs.tensor_parameter.value is False
    assert not attrs.tensor_parameter.assumptions


def test_naming_conventions(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        def f(images, num_steps, thing):
            return images
    """)["m.f"]
    assert attrs.tensor_parameter.value is True
    assert "conventionally named for a tensor" in reasons(attrs.tensor_parameter)[0]
    assert attrs.primitive_parameter.value is True
    assert "`num_steps`" in reasons(attrs.primitive_parameter)[0]


def test_a_hint_wins_over_the_name(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        def f(images: str):
            return images
    """)["m.f"]
    assert attrs.tensor_parameter.value is False


def test_keras_call_contract_through_a_project_base_class(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        import tensorflow as tf
        class Base(tf.keras.layers.Layer):
            pass
        class Block(Base):
            def call(self, something, training=None):
                return something
    """)["m.Block.call"]
    assert attrs.tensor_parameter.value is True
    assert reasons(attrs.tensor_parameter) == [
        "the framework calls `call` and passes a tensor to `something`"]
    assert attrs.primitive_parameter.value is False


def test_callback_contract_passes_python_ints(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        import tensorflow as tf
        class Log(tf.keras.callbacks.Callback):
            def on_epoch_end(self, epoch, logs=None):
                pass
    """)["m.Log.on_epoch_end"]
    assert attrs.tensor_parameter.value is False
    assert attrs.primitive_parameter.value is True


def test_called_functions_are_not_speculated_about(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        def f(images):
            return images
        f("a string")
    """)["m.f"]
    assert attrs.tensor_parameter.value is False
    assert not attrs.tensor_parameter.assumptions


def test_a_framework_method_called_in_the_project_keeps_its_static_evidence(
        tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        import tensorflow as tf
        class M(tf.keras.Model):
            def call(self, inputs):
                return inputs
        M().call(tf.ones([1]))
    """)["m.M.call"]
    assert attrs.tensor_parameter.value is True
    assert attrs.tensor_parameter.evidence and not attrs.tensor_parameter.assumptions


def test_undetermined_when_the_front_end_did_not_analyse_the_function(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def f(images):\n    return images\n")
    sources = load_project(tmp_path)
    functions = [fn for module in sources.modules for fn in module_functions(module)]
    facts = StaticFacts(frozenset(), failures=frozenset({"m.py"}))
    attrs = analyse_facts(sources, functions, AnalysisSettings(), facts).attributes["m.f"]
    assert attrs == FunctionAttributes()


#: A Keras call that calls a sublayer (line 8).
KERAS_CALL = """
        import tensorflow as tf
        class M(tf.keras.Model):
            def __init__(self):
                super().__init__()
                self.dense = tf.keras.layers.Dense(2)
            def call(self, inputs):
                return self.dense(inputs) * 2.0
"""


@pytest.mark.parametrize("speculative", [True, False])
def test_keras_call_calling_sublayers_is_blocked_whatever_the_settings(
        tmp_path: Path, speculative: bool) -> None:
    attrs = analyse(tmp_path, KERAS_CALL + """
        class OwnWeights(tf.keras.layers.Layer):
            def call(self, inputs):
                return inputs * self.w
    """, settings=AnalysisSettings(speculative=speculative))
    (blocker,) = attrs["m.M.call"].blockers
    assert blocker.kind.name == "CURRENTLY_NOT_HANDLED"
    assert [(e.line, e.what) for e in blocker.evidence] == [
        (8, "calls the Keras layer `tensorflow.keras.layers.Dense` at `self.dense(inputs)`")]
    assert attrs["m.OwnWeights.call"].blockers == ()


def test_keras_call_calling_sublayers_is_converted_on_keras_2(tmp_path: Path) -> None:
    """TensorFlow <= 2.15 (Keras 2) trains a decorated call that calls sublayers."""
    attrs = analyse(tmp_path, KERAS_CALL, settings=AnalysisSettings(tensorflow="2.15"))
    assert attrs["m.M.call"].blockers == ()


def test_a_bool_type_hint_makes_no_primitive_parameter(tmp_path: Path) -> None:
    attrs = analyse(tmp_path, """
        def scale(x, flip: bool, times: int):
            return -x * times if flip else x * times
    """)
    assert [a.reason for a in attrs["m.scale"].primitive_parameter.assumptions] == [
        "no call site in the project calls it; parameter `times` is annotated `int`"]

