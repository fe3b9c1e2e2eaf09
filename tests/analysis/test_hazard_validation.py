"""The hazard rules about a function's shape and decorators, late variable creation and stale
reads of Python state are justified under TensorFlow.

For every fixture function such a rule blocks, the edit the rule forbids (``@tf.function``
added directly above the ``def``, or removed) is made with the real editing engine on a
copy of the fixture; then both programs run in a TensorFlow subprocess. The original must
run; the edited one must raise or print something else. In the same programs, converting the
functions the analysis lets through (P1) leaves what the program prints unchanged: a stale
read diverges only where the rule says so. Each fixture variant runs under the Keras
generation its target TensorFlow has (``Variant.environment``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from edited_programs import edited_copy, run_programs, toggled
from fixture_cases import Variant, all_cases, variants

from hybridize.verdicts.rules import (
    async_generator_function,
    coroutine_function,
    generator_function,
    late_variable_creation,
    stale_variable_reads,
    unsupported_decorator,
)

#: The rules whose every verdict this test replays.
RULES = frozenset(rule.RULE.name for rule in (
    generator_function, coroutine_function, async_generator_function,
    unsupported_decorator, late_variable_creation, stale_variable_reads))
#: The key under which a program's P1 conversions run (beside the blocked functions' names).
CONVERTED_KEY = "P1"


def _blocked() -> list[tuple[Variant, str]]:
    return [(variant, name) for case in all_cases() for variant in variants(case)
            for name, want in variant.functions.items() if RULES & set(want.get("rules", ()))]


BLOCKED = _blocked()
#: Variants with a replayed hazard, and the functions in them the analysis converts (a
#: stale-read program needs one: its reads diverge only where the rule says so).
CONVERTED = sorted(
    {variant.id: (variant, names) for variant, _ in BLOCKED
     if (names := [name for name, want in variant.functions.items() if want["verdict"] == "P1"])
     or any(stale_variable_reads.RULE.name in want.get("rules", ())
            for want in variant.functions.values())}.values(),
    key=lambda item: item[0].id)


def _edits() -> dict[tuple[str, str], tuple[Variant, list[str]]]:
    """Per (variant, blocked function or P1), the variant and the functions to toggle."""
    edits = {(variant.id, name): (variant, [name]) for variant, name in BLOCKED}
    edits.update({(variant.id, CONVERTED_KEY): (variant, names) for variant, names in CONVERTED})
    return edits


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[str, str], tuple[dict, dict]]:
    """Original and edited programs, one TensorFlow process per Keras generation."""
    scratch = tmp_path_factory.mktemp("hazards")
    by_generation: dict[tuple[tuple[str, str], ...], dict[tuple[str, str], tuple[Variant, list[str]]]] = {}
    for key, (variant, names) in _edits().items():
        by_generation.setdefault(tuple(sorted(variant.environment().items())), {})[key] = (
            variant, names)
    found = {}
    for environment, edits in by_generation.items():
        copies: dict[tuple[str, str], Path] = {}
        for key, (variant, names) in edits.items():
            copies[key] = edited_copy(variant.case.root, scratch / f"edited{len(list(scratch.iterdir()))}",
                                      toggled(variant.case.root, names))
        jobs = [{"dir": str(root)} for root in {v.case.root for v, _ in edits.values()}]
        jobs += [{"dir": str(path)} for path in copies.values()]
        results = run_programs(jobs, scratch, dict(environment))
        found.update({key: (results[str(variant.case.root)], results[str(copies[key])])
                      for key, (variant, _) in edits.items()})
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


@pytest.mark.tensorflow
@pytest.mark.parametrize(("variant", "names"), CONVERTED, ids=[v.id for v, _ in CONVERTED])
def test_the_allowed_conversions_keep_the_output(variant: Variant, names: list[str],
                                                 runs) -> None:
    assert names, "a stale-read fixture needs a function that is converted"
    # Also proves P1 conversions whose function-level replay cannot run (dynamic_xfail).
    original, converted = runs[variant.id, CONVERTED_KEY]
    assert original["error"] is None and converted["error"] is None, converted["error"]
    assert converted["stdout"] == original["stdout"]


def test_every_rule_is_replayed() -> None:
    replayed = {rule for variant, name in BLOCKED for rule in variant.functions[name]["rules"]}
    assert replayed >= RULES


def test_both_keras_generations_are_replayed() -> None:
    generations = {variant.analysis_settings().keras for variant, _ in BLOCKED}
    assert generations == {2, 3}


def test_stale_reads_are_replayed_on_both_keras_generations() -> None:
    generations = {variant.analysis_settings().keras for variant, _ in CONVERTED}
    assert generations == {2, 3}


def test_p1_functions_without_a_function_level_replay_are_proven_here() -> None:
    """A P1 function whose replay in test_dynamic_validation cannot run (dynamic_xfail) is
    still proven: its program, converted, prints what it printed."""
    converted = {(variant.id, name) for variant, names in CONVERTED for name in names}
    unproven = {(variant.id, name) for case in all_cases() for variant in variants(case)
                for name in variant.dynamic_xfail
                if variant.functions[name]["verdict"] == "P1"} - converted
    assert not unproven
