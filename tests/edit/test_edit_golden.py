"""Byte-exact golden cases for every layout the engine must handle."""

from __future__ import annotations

import pytest
from _edit_golden import GoldenCase, golden_cases

from hybridize.edit import plan_file

CASES = golden_cases()


def test_every_tricky_layout_has_a_case() -> None:
    names = {case.name for case in CASES}
    assert {
        "non_ascii_before_def", "tabs", "crlf", "cr_only", "comments_between_decorators",
        "nested", "async_def", "bom", "encoding_cookie_missing_import",
        "multiline_decorator_args", "stacked_decorators", "alias_plain_tensorflow",
        "alias_from_import_function", "alias_other_names", "missing_import_docstring_future",
        "already_done_noop", "method_decorators", "crlf_method_decorators",
    } <= names


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_edit_matches_expected_bytes(case: GoldenCase) -> None:
    plan = plan_file("input.py", case.input, case.requests(case.input))

    assert plan.refusals == ()
    updated = plan.edit.updated if plan.edit else case.input
    assert updated == case.expected


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_applying_again_changes_nothing(case: GoldenCase) -> None:
    plan = plan_file("expected.py", case.expected, case.requests(case.expected))

    assert plan.refusals == ()
    assert plan.edit is None


def test_noop_case_really_is_unchanged() -> None:
    (noop,) = [case for case in CASES if case.name == "already_done_noop"]
    assert noop.input == noop.expected
    assert plan_file("input.py", noop.input, noop.requests(noop.input)).edit is None


def test_line_endings_in_golden_files_survive_git() -> None:
    by_name = {case.name: case for case in CASES}
    assert b"\r\n" in by_name["crlf"].expected
    assert b"\n" not in by_name["cr_only"].expected
    assert by_name["bom"].expected.startswith(b"\xef\xbb\xbf")
