"""The hazard rules about a function's shape and decorators, and late variable creation, are
justified under TensorFlow.

For every fixture function such a rule blocks, the edit the rule forbids (``@tf.function``
added directly above the ``def``, or removed) is made with the real editing engine on a
copy of the fixture; then both programs run in a TensorFlow subprocess. The original must
run; the edited one must raise or print something else.
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
    unsupported_decorator,
)

#: The rules whose every verdict this test replays.
RULES = frozenset(rule.RULE.name for rule in (
    generator_function, coroutine_function, async_generator_function,
    unsupported_decorator, late_variable_creation))


def _blocked() -> list[tuple[FixtureCase, str]]:
    return [(case, name) for case in all_cases() for name, want in case.functions.items()
            if RULES & set(want.get("rules", ()))]


BLOCKED = _blocked()


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[str, str], tuple[dict, dict]]:
    scratch = tmp_path_factory.mktemp("hazards")
    copies = {}
    for index, (case, name) in enumerate(BLOCKED):
        copies[case.name, name] = edited_copy(case.root, scratch / f"edited{index}",
                                              toggled(case.root, [name]))
    jobs = [{"dir": str(case.root)} for case in {c.root: c for c, _ in BLOCKED}.values()]
    jobs += [{"dir": str(path)} for path in copies.values()]
    results = run_programs(jobs, scratch)
    return {(case.name, name): (results[str(case.root)], results[str(copies[case.name, name])])
            for case, name in BLOCKED}


@pytest.mark.tensorflow
@pytest.mark.parametrize(("case", "function"), BLOCKED,
                         ids=[f"{c.name}:{n}" for c, n in BLOCKED])
def test_the_forbidden_edit_breaks_the_program(case: FixtureCase, function: str,
                                               runs) -> None:
    original, edited = runs[case.name, function]
    assert original["error"] is None, original["error"]
    assert edited["error"] is not None or edited["stdout"] != original["stdout"], (
        f"the edited program behaves like the original: {edited}")


def test_every_rule_is_replayed() -> None:
    replayed = {rule for case, name in BLOCKED for rule in case.functions[name]["rules"]}
    assert replayed >= RULES
