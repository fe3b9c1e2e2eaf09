"""Every way the engine declines an edit, and that it then leaves the source alone."""

from __future__ import annotations

import pytest

from hybridize.edit import EditRequest, _tree_sitter, plan_file
from hybridize.edit import plan as plan_module
from hybridize.report import Transformation

HYBRID = Transformation.CONVERT_TO_HYBRID
EAGER = Transformation.CONVERT_TO_EAGER
SOURCE = b"import tensorflow as tf\n\n\ndef f(x):\n    return x\n"


def reasons(source: bytes, *requests: EditRequest) -> list[str]:
    plan = plan_file("m.py", source, requests)
    assert plan.edit is None
    return [refusal.reason for refusal in plan.refusals]


def test_syntax_tree_mismatch_refuses_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # An edit that also changes something else: a call where a bare decorator was planned.
    monkeypatch.setattr(
        plan_module,
        "decorator_line",
        lambda indentation, decorator, newline: indentation + b"@tf.function()" + newline,
    )

    assert reasons(SOURCE, EditRequest(4, "m.f", HYBRID)) == [
        "the edited file's syntax tree differs from the planned one"
    ]


def test_edit_that_breaks_the_syntax_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        plan_module, "decorator_line", lambda indentation, decorator, newline: b"@\n"
    )

    (reason,) = reasons(SOURCE, EditRequest(4, "m.f", HYBRID))
    assert reason.startswith("the edited file does not parse")


def test_invalid_utf8_is_refused_not_crashed_on() -> None:
    latin1 = "# -*- coding: latin-1 -*-\ns = 'café'\n\n\ndef f(x):\n    return x\n"

    assert reasons(latin1.encode("latin-1"), EditRequest(5, "m.f", HYBRID)) == [
        "not valid UTF-8 (invalid continuation byte at byte 34)"
    ]


def test_unparsable_file_is_refused() -> None:
    (reason,) = reasons(b"def f(x):\n    return (\n", EditRequest(1, "m.f", HYBRID))
    assert reason.startswith("does not parse")


def corrupting_parse(monkeypatch: pytest.MonkeyPatch, calls_to_corrupt: set[int]) -> None:
    """Make tree-sitter see `return ]` for `return x` on the given calls (1-based).

    tree-sitter accepts all valid Python we could find, so its errors are simulated;
    the replacement has the same length, so every byte offset stays right.
    """
    real_parse = _tree_sitter.parse
    calls = 0

    def parse(source: bytes) -> _tree_sitter.ParsedSource:
        nonlocal calls
        calls += 1
        if calls not in calls_to_corrupt:
            return real_parse(source)
        corrupted = real_parse(source.replace(b"return x", b"return ]"))
        return _tree_sitter.ParsedSource(source, corrupted.root, corrupted.lines)

    monkeypatch.setattr(_tree_sitter, "parse", parse)


def test_function_with_tree_sitter_errors_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    corrupting_parse(monkeypatch, calls_to_corrupt={1})

    assert reasons(SOURCE, EditRequest(4, "m.f", HYBRID)) == [
        "tree-sitter reports syntax errors inside the function"
    ]


def test_new_tree_sitter_errors_after_the_edit_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corrupting_parse(monkeypatch, calls_to_corrupt={2})

    assert reasons(SOURCE, EditRequest(4, "m.f", HYBRID)) == [
        "the edited file has 1 new tree-sitter ERROR/MISSING node(s)"
    ]


def test_reconfigure_without_a_signature_is_refused_with_a_clear_message() -> None:
    assert reasons(SOURCE, EditRequest(4, "m.f", Transformation.RECONFIGURE)) == [
        "RECONFIGURE needs an input signature to write, and the report has none"
    ]


def test_wrong_line_or_name_is_refused() -> None:
    assert reasons(SOURCE, EditRequest(5, "m.f", HYBRID)) == [
        "no function definition with `def` on line 5"
    ]
    assert reasons(SOURCE, EditRequest(4, "m.g", HYBRID)) == ["line 4 defines `f`, not `g`"]


def test_taken_tf_name_without_import_is_refused() -> None:
    source = b"tf = None\n\n\ndef f(x):\n    return x\n"
    assert reasons(source, EditRequest(4, "m.f", HYBRID)) == [
        "no TensorFlow import, and the name `tf` is already taken"
    ]


def test_one_refusal_does_not_block_other_functions() -> None:
    source = SOURCE + b"\n\ndef g(x):\n    return x\n"
    requests = [EditRequest(4, "m.f", Transformation.RECONFIGURE), EditRequest(8, "m.g", HYBRID)]
    plan = plan_file("m.py", source, requests)
    assert plan.edit is not None
    assert [request.qualified_name for request in plan.edit.applied_requests] == ["m.g"]
    assert [refusal.qualified_name for refusal in plan.refusals] == ["m.f"]
