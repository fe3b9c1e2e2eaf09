"""The precondition tables (Khatchadourian et al., tables 1 and 2) as a pure function."""

from __future__ import annotations

import itertools

import pytest

from hybridize.report import Evidence, FailureKind, Precondition, Refactoring, Transformation
from hybridize.verdicts.preconditions import Finding, FunctionAttributes, decide

T, F, U = Finding(True), Finding(False), Finding(None)


def attrs(tensor=F, primitive=F, effects=F, recursive=F) -> FunctionAttributes:
    return FunctionAttributes(tensor, primitive, effects, recursive)


def kinds(decision) -> set[FailureKind]:
    return {f.kind for f in decision.failures}


# --- table 1: eager functions ---------------------------------------------------------------

def test_p1_tensor_no_primitive_no_effects_not_recursive() -> None:
    decision = decide(False, attrs(tensor=T))
    assert decision.refactoring is Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID
    assert decision.passing_precondition is Precondition.P1
    assert decision.transformations == (Transformation.CONVERT_TO_HYBRID,)
    assert decision.failures == ()


@pytest.mark.parametrize(("changed", "failure"), [
    ({"tensor": F}, FailureKind.HAS_NO_TENSOR_PARAMETERS),
    ({"primitive": T}, FailureKind.HAS_PRIMITIVE_PARAMETERS),
    ({"effects": T}, FailureKind.HAS_PYTHON_SIDE_EFFECTS),
    ({"recursive": T}, FailureKind.IS_RECURSIVE),
    ({"tensor": U}, FailureKind.UNDETERMINABLE_TENSOR_PARAMETER),
    ({"primitive": U}, FailureKind.UNDETERMINABLE_PRIMITIVE_PARAMETER),
    ({"effects": U}, FailureKind.UNDETERMINABLE_SIDE_EFFECTS),
    ({"recursive": U}, FailureKind.CANT_APPROXIMATE_RECURSION),
])
def test_p1_fails_with_exactly_the_broken_precondition(changed, failure) -> None:
    decision = decide(False, attrs(**{"tensor": T, **changed}))
    assert decision.passing_precondition is None
    assert decision.transformations == ()
    assert kinds(decision) == {failure}


def test_every_failing_precondition_is_reported() -> None:
    decision = decide(False, attrs(tensor=F, primitive=T, effects=T, recursive=T))
    assert kinds(decision) == {FailureKind.HAS_NO_TENSOR_PARAMETERS,
                               FailureKind.HAS_PRIMITIVE_PARAMETERS,
                               FailureKind.HAS_PYTHON_SIDE_EFFECTS, FailureKind.IS_RECURSIVE}


@pytest.mark.parametrize("values", list(itertools.product((T, F, U), repeat=4)))
def test_eager_passes_exactly_when_table_1_says_so(values) -> None:
    tensor, primitive, effects, recursive = values
    decision = decide(False, attrs(tensor, primitive, effects, recursive))
    passes = (tensor.value is True and primitive.value is False and effects.value is False
              and recursive.value is False)
    assert (decision.passing_precondition is Precondition.P1) == passes
    assert bool(decision.failures) != passes


# --- table 2: hybrid functions --------------------------------------------------------------

def test_p2_no_tensor_no_effects_converts_to_eager() -> None:
    for primitive in (T, F, U):
        decision = decide(True, attrs(tensor=F, primitive=primitive))
        assert decision.refactoring is Refactoring.OPTIMIZE_HYBRID_FUNCTION
        assert decision.passing_precondition is Precondition.P2
        assert decision.transformations == (Transformation.CONVERT_TO_EAGER,)


def test_p3_tensor_and_primitive_no_effects_converts_to_eager() -> None:
    decision = decide(True, attrs(tensor=T, primitive=T))
    assert decision.passing_precondition is Precondition.P3
    assert decision.transformations == (Transformation.CONVERT_TO_EAGER,)


def test_a_good_hybrid_function_stays() -> None:
    decision = decide(True, attrs(tensor=T, primitive=F))
    assert decision.passing_precondition is None
    assert kinds(decision) == {FailureKind.HAS_NO_PRIMITIVE_PARAMETERS}


@pytest.mark.parametrize(("tensor", "primitive"), [(F, F), (T, T), (F, T)])
def test_side_effects_block_de_hybridization(tensor, primitive) -> None:
    decision = decide(True, attrs(tensor=tensor, primitive=primitive, effects=T))
    assert decision.passing_precondition is None
    assert FailureKind.HAS_PYTHON_SIDE_EFFECTS in kinds(decision)
    undetermined = decide(True, attrs(tensor=tensor, primitive=primitive, effects=U))
    assert undetermined.passing_precondition is None
    assert FailureKind.UNDETERMINABLE_SIDE_EFFECTS in kinds(undetermined)


def test_recursion_does_not_affect_table_2() -> None:
    # The papers' table 2 has no recursion column: tf.function already traced it.
    assert decide(True, attrs(tensor=F, recursive=T)).passing_precondition is Precondition.P2


def test_undetermined_tensor_parameter_blocks_table_2() -> None:
    decision = decide(True, attrs(tensor=U))
    assert decision.passing_precondition is None
    assert kinds(decision) == {FailureKind.UNDETERMINABLE_TENSOR_PARAMETER}


def test_failures_carry_the_findings_evidence() -> None:
    where = Evidence("m.py", 3, "calls `print`")
    decision = decide(False, attrs(tensor=T, effects=Finding(True, (where,))))
    assert decision.failures[0].evidence == (where,)


def test_a_blocker_stops_p1_and_is_reported_with_its_evidence() -> None:
    from hybridize.report import Failure

    where = Evidence("m.py", 9, "calls the Keras layer `self.dense`")
    blocker = Failure(FailureKind.CURRENTLY_NOT_HANDLED, "Keras 3 loses gradients", (where,))
    decision = decide(False, FunctionAttributes(T, F, F, F, blockers=(blocker,)))
    assert decision.passing_precondition is None
    assert decision.failures == (blocker,)


def test_a_blocker_of_a_hybrid_function_keeps_its_decorator() -> None:
    from hybridize.report import Failure

    blocker = Failure(FailureKind.CURRENTLY_NOT_HANDLED, "x")
    assert decide(True, FunctionAttributes(F, F, F, F)).passing_precondition is Precondition.P2
    decision = decide(True, FunctionAttributes(F, F, F, F, blockers=(blocker,)))
    assert decision.passing_precondition is None and decision.transformations == ()
    assert blocker in decision.failures
