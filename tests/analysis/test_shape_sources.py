"""Shape sources the fixtures do not cover, through the real JVM and WALA."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hybridize.analysis.infer import infer_attributes
from hybridize.analyze import analyze_path
from hybridize.settings import AnalysisSettings


@pytest.mark.jvm
def test_a_range_with_a_step_has_one_axis_of_unknown_length(tmp_path: Path) -> None:
    # tf.range(start, limit, delta) crashed the shape rules (one unknown axis), and with them
    # the whole report of a real project (OpenNMT-tf).
    (tmp_path / "main.py").write_text(textwrap.dedent("""
        import tensorflow as tf

        @tf.function
        def total(x):
            return tf.reduce_sum(x)

        def run():
            total(tf.range(0, 10, 2))
            total(tf.reshape(tf.range(0, 12, delta=3), [2, 2]))
    """).lstrip())
    report = analyze_path(tmp_path, AnalysisSettings(), infer=infer_attributes)
    total = next(fn for fn in report.functions if fn.name == "total")
    assert total.input_signature is None
    assert total.input_signature_reason == (
        "the dtype of what tensorflow.range(...) (line 8) passes to `x` is unknown")
