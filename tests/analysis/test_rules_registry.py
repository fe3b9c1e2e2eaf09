"""The hazard-rule registry: every entry complete, names unique, examples real Python."""

from __future__ import annotations

import ast

import pytest

from hybridize.analysis.models import tensorflow_model
from hybridize.verdicts.rules import RULES, rule_named


def test_rule_names_are_unique_and_found_by_name() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule_named(name) is not None for name in names)
    assert rule_named("no-such-rule") is None


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_entry_is_complete(rule) -> None:
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert rule.summary and rule.why and rule.applies_to
    for example in (rule.bad_example, rule.good_example):
        ast.parse(example)  # an example that does not parse teaches nothing
    assert rule.bad_example != rule.good_example


def test_eager_only_methods_depend_on_the_receiver_kind() -> None:
    model = tensorflow_model()
    assert model.is_eager_only("tensorflow.constant.numpy", "tensor")
    # The same name on a NumPy array (a value the model does not type) is fine when traced.
    assert not model.is_eager_only("tensorflow.constant.numpy.tolist", None)
    assert model.is_eager_only("sklearn.metrics.f1_score")
    assert model.is_eager_only("tensorflow.lite.Interpreter.invoke")
    assert not model.is_eager_only("tensorflow.reduce_sum")


def test_every_hazard_code_has_a_rule_with_its_category() -> None:
    """Codes 14-24 each have a registry rule (18 and 22 are not written yet), whose category
    says whether it guards safety or benefit."""
    from hybridize.verdicts.rules import Category

    by_code = {rule.code: rule for rule in RULES}
    assert set(range(14, 25)) - {18, 22} <= set(by_code)
    assert {by_code[code].category for code in (14, 21)} == {Category.BENEFIT}
    assert all(by_code[code].category is Category.SAFETY for code in (15, 16, 17, 19, 20, 23, 24))
