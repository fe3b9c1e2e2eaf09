"""tf.function detection under every spelling the imports allow."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from hybridize.parse.functions import module_functions
from hybridize.parse.project import ParsedModule, SourceFile


def functions(source: str) -> dict:
    text = textwrap.dedent(source)
    module = ParsedModule(SourceFile(Path("m.py"), "m.py", "m", False), text, ast.parse(text))
    return {fn.qualified_name: fn for fn in module_functions(module)}


@pytest.mark.parametrize("source", [
    "import tensorflow as tf\n@tf.function\ndef f(x): pass",
    "import tensorflow\n@tensorflow.function\ndef f(x): pass",
    "import tensorflow as tf\n@tf.function()\ndef f(x): pass",
    "import tensorflow as tf\n@tf.function(jit_compile=True)\ndef f(x): pass",
    "from tensorflow import function\n@function\ndef f(x): pass",
    "from tensorflow import function as graph\n@graph(reduce_retracing=True)\ndef f(x): pass",
    "import tensorflow.compat.v2 as tf\n@tf.function\ndef f(x): pass",
    "from tensorflow.compat import v2 as tf\n@tf.function\ndef f(x): pass",
    "import tensorflow as tf\n@tf.compat.v2.function\ndef f(x): pass",
    "import tensorflow.compat.v2\n@tensorflow.compat.v2.function\ndef f(x): pass",
    "def g():\n    import tensorflow as tf\n    @tf.function\n    def f(x): pass",
    "import functools\nimport tensorflow as tf\n@functools.lru_cache\n@tf.function\ndef f(x): pass",
    "import tensorflow as tf\n@tf.function\n@staticmethod\ndef f(x): pass",
    "import tensorflow as tf\ngraph = tf.function\n@graph\ndef f(x): pass",
    "import tensorflow as tf\nxla = tf.function(jit_compile=True)\n@xla\ndef f(x): pass",
])
def test_hybrid_spellings(source: str) -> None:
    found = [fn for name, fn in functions(source).items() if name.endswith(".f")]
    assert found and found[0].hybrid is not None


@pytest.mark.parametrize("source", [
    "def function(f): return f\n@function\ndef f(x): pass",  # a local `function`
    "import other as tf\n@tf.function\ndef f(x): pass",  # `tf` is not tensorflow
    "import tensorflow as tf\n@tf.autograph.experimental.do_not_convert\ndef f(x): pass",
    "import tensorflow as tf\ndef f(x): pass",
    "import tensorflow as tf\n@tf.keras.utils.register_keras_serializable()\ndef f(x): pass",
])
def test_not_hybrid(source: str) -> None:
    assert functions(source)["m.f"].hybrid is None


def test_decorator_arguments_are_kept_as_written() -> None:
    fn = functions("""
        import tensorflow as tf
        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)],
                     experimental_relax_shapes=True, jit_compile=False)
        def f(x): pass
    """)["m.f"]
    assert fn.hybrid.arguments == {
        "input_signature": "[tf.TensorSpec([None], tf.float32)]",
        "experimental_relax_shapes": "True",
        "jit_compile": "False",
    }
    assert fn.line == 5  # the def line, not the decorator's
    assert fn.hybrid.line == 3


def test_methods_and_nested_functions_get_qualified_names() -> None:
    found = functions("""
        import tensorflow as tf
        class M(tf.keras.Model):
            @tf.function
            def call(self, x):
                def inner(y): return y
                return inner(x)
    """)
    assert set(found) == {"m.M.call", "m.M.call.inner"}
    assert found["m.M.call"].enclosing_class == "M" and found["m.M.call"].hybrid
    assert found["m.M.call.inner"].hybrid is None
