"""The hazard rules about a function's shape and decorators, and late variable creation, are
justified under TensorFlow.

For every fixture function such a rule blocks, the edit the rule forbids (``@tf.function``
added directly above the ``def``, or removed) is made with the real editing engine on a
copy of the fixture; then both programs run in a TensorFlow subprocess. The original must
run; the edited one must raise or print something else. Each fixture variant runs under the
Keras generation its target TensorFlow has (``Variant.environment``).
"""

from __future__ import annotations

import pytest
from edited_programs import edited_copy, run_programs, toggled
from fixture_cases import Variant, all_cases, variants

from hybridize.verdicts.rules import (
    async_generator_function,
    coroutine_function,
    generator_function,
    late_variable_creation,
    unsupported_decorator,
)

#: The rules whose every verdict this test replays.
RULES = frozenset(rule.RULE.name for rule in (
    generator_function, coroutine_function, async_generator_function,
    unsupported_decorator, late_variable_creation))


def _blocked() -> list[tuple[Variant, str]]:
    return [(variant, name) for case in all_cases() for variant in variants(case)
            for name, want in variant.functions.items() if RULES & set(want.get("rules", ()))]


BLOCKED = _blocked()


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[str, str], tuple[dict, dict]]:
    """Original and edited programs, one TensorFlow process per Keras generation."""
    scratch = tmp_path_factory.mktemp("hazards")
    by_generation: dict[tuple[tuple[str, str], ...], list[tuple[Variant, str]]] = {}
    for variant, name in BLOCKED:
        by_generation.setdefault(tuple(sorted(variant.environment().items())), []).append(
            (variant, name))
    found = {}
    for environment, blocked in by_generation.items():
        copies = {}
        for variant, name in blocked:
            copies[variant.id, name] = edited_copy(
                variant.case.root, scratch / f"edited{len(list(scratch.iterdir()))}",
                toggled(variant.case.root, [name]))
        jobs = [{"dir": str(root)} for root in {v.case.root for v, _ in blocked}]
        jobs += [{"dir": str(path)} for path in copies.values()]
        results = run_programs(jobs, scratch, dict(environment))
        found.update({(variant.id, name): (results[str(variant.case.root)],
                                           results[str(copies[variant.id, name])])
                      for variant, name in blocked})
    return found


@pytest.mark.tensorflow
@pytest.mark.parametrize(("variant", "function"), BLOCKED,
                         ids=[f"{v.id}:{n}" for v, n in BLOCKED])
def test_the_forbidden_edit_breaks_the_program(variant: Variant, function: str,
                                               runs) -> None:
    original, edited = runs[variant.id, function]
    assert original["error"] is None, original["error"]
    assert edited["error"] is not None or edited["stdout"] != original["stdout"], (
        f"the edited program behaves like the original: {edited}")


def test_every_rule_is_replayed() -> None:
    replayed = {rule for variant, name in BLOCKED for rule in variant.functions[name]["rules"]}
    assert replayed >= RULES


def test_both_keras_generations_are_replayed() -> None:
    generations = {variant.analysis_settings().keras for variant, _ in BLOCKED}
    assert generations == {2, 3}
