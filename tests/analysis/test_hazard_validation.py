"""The hazard rules about a function's shape and decorators, late variable creation and stale
reads of Python state are justified under TensorFlow.

For every fixture function such a rule blocks, the edit the rule forbids (``@tf.function``
added directly above the ``def``, or removed) is made with the real editing engine on a
copy of the fixture; then both programs run in a TensorFlow subprocess. The original must
run; the edited one must raise or print something else. In the same programs, converting the
functions the analysis lets through (P1) leaves what the program prints unchanged: a stale
read diverges only where the rule says so.
"""

from __future__ import annotations

import pytest
from edited_programs import edited_copy, run_programs, toggled
from fixture_cases import FixtureCase, all_cases

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


def _blocked() -> list[tuple[FixtureCase, str]]:
    return [(case, name) for case in all_cases() for name, want in case.functions.items()
            if RULES & set(want.get("rules", ()))]


BLOCKED = _blocked()
#: Programs with a stale read, and the functions in them the analysis converts.
CONVERTED = sorted(
    {case.root: (case, [name for name, want in case.functions.items() if want["verdict"] == "P1"])
     for case, name in BLOCKED
     if stale_variable_reads.RULE.name in case.functions[name]["rules"]}.values(),
    key=lambda item: item[0].name)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[str, str], tuple[dict, dict]]:
    scratch = tmp_path_factory.mktemp("hazards")
    copies = {}
    for index, (case, name) in enumerate(BLOCKED):
        copies[case.name, name] = edited_copy(case.root, scratch / f"edited{index}",
                                              toggled(case.root, [name]))
    for case, names in CONVERTED:
        copies[case.name, "P1"] = edited_copy(case.root, scratch / f"converted-{case.name}",
                                              toggled(case.root, names))
    jobs = [{"dir": str(case.root)} for case in {c.root: c for c, _ in BLOCKED}.values()]
    jobs += [{"dir": str(path)} for path in copies.values()]
    results = run_programs(jobs, scratch)
    return {key: (results[str(next(c.root for c, _ in BLOCKED if c.name == key[0]))],
                  results[str(path)]) for key, path in copies.items()}


@pytest.mark.tensorflow
@pytest.mark.parametrize(("case", "function"), BLOCKED,
                         ids=[f"{c.name}:{n}" for c, n in BLOCKED])
def test_the_forbidden_edit_breaks_the_program(case: FixtureCase, function: str,
                                               runs) -> None:
    original, edited = runs[case.name, function]
    assert original["error"] is None, original["error"]
    assert edited["error"] is not None or edited["stdout"] != original["stdout"], (
        f"the edited program behaves like the original: {edited}")


@pytest.mark.tensorflow
@pytest.mark.parametrize(("case", "names"), CONVERTED, ids=[c.name for c, _ in CONVERTED])
def test_the_allowed_conversions_keep_the_output(case: FixtureCase, names: list[str],
                                                 runs) -> None:
    assert names, "a stale-read fixture needs a function that is converted"
    original, converted = runs[case.name, "P1"]
    assert original["error"] is None and converted["error"] is None, converted["error"]
    assert converted["stdout"] == original["stdout"]


def test_every_rule_is_replayed() -> None:
    replayed = {rule for case, name in BLOCKED for rule in case.functions[name]["rules"]}
    assert replayed >= RULES
