"""The precondition tables of the published approach, as one pure decision function.

Eager functions (CONVERT_EAGER_FUNCTION_TO_HYBRID):
    P1  tensor parameter, no primitive parameter, no Python side effects, not recursive
        -> CONVERT_TO_HYBRID
        (and no blocker: a framework rule the papers' tables predate, reported as
        CURRENTLY_NOT_HANDLED with its reason)
Hybrid functions (OPTIMIZE_HYBRID_FUNCTION):
    P2  no tensor parameter, no Python side effects              -> CONVERT_TO_EAGER
    P3  tensor parameter, primitive parameter, no side effects  -> CONVERT_TO_EAGER
    P6  tensor parameter, no primitive parameter, no tensor computation, no side effects
        -> CONVERT_TO_EAGER (a graph of no TensorFlow operations only costs tracing)
    P4  tensor parameter, no primitive parameter, no side effects, no input_signature, and
        one inferred from the call sites, which pass tensors of different shapes (so the
        function retraces; a signature from call sites that all agree would only restrict
        it)                                                      -> RECONFIGURE (add it)
    P5  the same, but the supplied input_signature is tighter than what the call sites pass,
        or incomparable with it                                  -> RECONFIGURE (replace it;
        a broader supplied signature is kept)
    Neither P4 nor P5 passes when a rule withholds the signature (HAS_UNRESOLVED_STATICALLY_
    READ_AXES, HAS_CONFLICTING_EAGER_DTYPE_COERCIONS): the function keeps its decorator as it is
    and the rule's failure says why.

Every failing precondition is reported, not only the first. An attribute the analysis
could not determine (None) fails with its UNDETERMINABLE_* kind; it is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hybridize.analysis.signatures import InputSignature, Relation, TensorSpec, compare
from hybridize.report import (
    Assumption,
    Evidence,
    Failure,
    FailureKind,
    Precondition,
    Refactoring,
    Transformation,
)


@dataclass(frozen=True)
class Finding:
    """One attribute of a function: its value and what supports it."""

    #: True, False, or None when it could not be determined.
    value: bool | None
    evidence: tuple[Evidence, ...] = ()
    #: Non-empty when the value comes from the speculative analysis.
    assumptions: tuple[Assumption, ...] = ()

    @classmethod
    def unknown(cls) -> Finding:
        return cls(None)


@dataclass(frozen=True)
class FunctionAttributes:
    tensor_parameter: Finding = field(default_factory=Finding.unknown)
    primitive_parameter: Finding = field(default_factory=Finding.unknown)
    python_side_effects: Finding = field(default_factory=Finding.unknown)
    recursive: Finding = field(default_factory=Finding.unknown)
    #: Whether a traced call would run TensorFlow operations (the no-tensor-computation rule).
    tensor_computation: Finding = field(default_factory=Finding.unknown)
    #: Reasons beyond the four attributes that forbid the function's refactoring: framework
    #: rules of the API model (a Keras 3 ``call`` that calls sublayers loses its gradients
    #: when traced) and the hazard rules of ``hybridize.verdicts.rules``.
    blockers: tuple[Failure, ...] = ()
    #: What the report's ``info`` tells about the function beyond its verdict.
    info: tuple[str, ...] = ()
    #: The input signature inferred from the call sites (shapes through the pointer analysis).
    signature: InputSignature | None = None
    #: For a hybrid function: whether its decorator supplies ``input_signature``, and the specs
    #: when they are a literal list of TensorSpecs.
    supplies_signature: bool = False
    supplied_signature: tuple[TensorSpec, ...] | None = None
    #: Hazards of writing the inferred signature (rules that withhold it, 18 and 22): they
    #: block P4/P5, and CONVERT_TO_HYBRID writes a bare decorator.
    signature_hazards: tuple[Failure, ...] = ()


@dataclass(frozen=True)
class Decision:
    refactoring: Refactoring
    passing_precondition: Precondition | None
    transformations: tuple[Transformation, ...]
    failures: tuple[Failure, ...]


def _failure(kind: FailureKind, message: str, finding: Finding) -> Failure:
    return Failure(kind, message, finding.evidence)


def _side_effect_failures(attrs: FunctionAttributes) -> list[Failure]:
    effects = attrs.python_side_effects
    if effects.value is None:
        return [_failure(FailureKind.UNDETERMINABLE_SIDE_EFFECTS,
                         "could not determine whether the function has Python side effects",
                         effects)]
    if effects.value:
        return [_failure(FailureKind.HAS_PYTHON_SIDE_EFFECTS,
                         "the function has Python side effects, which run only while tracing",
                         effects)]
    return []


def _decide_eager(attrs: FunctionAttributes) -> Decision:
    failures: list[Failure] = []
    tensor, primitive, recursive = attrs.tensor_parameter, attrs.primitive_parameter, attrs.recursive
    if tensor.value is None:
        failures.append(_failure(FailureKind.UNDETERMINABLE_TENSOR_PARAMETER,
                                 "could not determine whether a tensor reaches a parameter", tensor))
    elif not tensor.value:
        failures.append(_failure(FailureKind.HAS_NO_TENSOR_PARAMETERS,
                                 "no call site passes a tensor, so a graph would not pay off", tensor))
    if primitive.value is None:
        failures.append(_failure(FailureKind.UNDETERMINABLE_PRIMITIVE_PARAMETER,
                                 "could not determine whether a Python scalar reaches a parameter",
                                 primitive))
    elif primitive.value:
        failures.append(_failure(FailureKind.HAS_PRIMITIVE_PARAMETERS,
                                 "a call site passes a Python scalar (int, float, bool, str) or a "
                                 "container of them, which retraces",
                                 primitive))
    failures.extend(_side_effect_failures(attrs))
    failures.extend(attrs.blockers)
    if recursive.value is None:
        failures.append(_failure(FailureKind.CANT_APPROXIMATE_RECURSION,
                                 "could not determine whether the function is recursive", recursive))
    elif recursive.value:
        failures.append(_failure(FailureKind.IS_RECURSIVE,
                                 "the function is recursive; tf.function cannot trace it", recursive))
    passed = not failures
    return Decision(
        Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID,
        Precondition.P1 if passed else None,
        (Transformation.CONVERT_TO_HYBRID,) if passed else (),
        tuple(failures),
    )


def _decide_hybrid(attrs: FunctionAttributes) -> Decision:
    tensor, primitive = attrs.tensor_parameter, attrs.primitive_parameter
    failures = _side_effect_failures(attrs)
    passing: Precondition | None = None
    if tensor.value is None:
        failures.append(_failure(FailureKind.UNDETERMINABLE_TENSOR_PARAMETER,
                                 "could not determine whether a tensor reaches a parameter", tensor))
    elif not tensor.value:
        passing = Precondition.P2
    elif primitive.value is None:
        failures.append(_failure(FailureKind.UNDETERMINABLE_PRIMITIVE_PARAMETER,
                                 "could not determine whether a Python scalar reaches a parameter",
                                 primitive))
    elif primitive.value:
        passing = Precondition.P3
    elif attrs.tensor_computation.value is False:
        passing = Precondition.P6
    else:
        passing = _reconfiguration(attrs)
        if attrs.signature_hazards and (passing is not None or _retraces(attrs)):
            # The function would be reconfigured (or retraces), but no signature may be written.
            failures.extend(attrs.signature_hazards)
            passing = None
        elif passing is None:
            failures.append(_failure(FailureKind.HAS_NO_PRIMITIVE_PARAMETERS,
                                     "tensor parameters and no Python scalars: already a good "
                                     "hybrid function", primitive))
    failures.extend(attrs.blockers)
    # Side effects and hazards block de-hybridization whichever precondition the parameters meet.
    if attrs.blockers or any(f.kind in (FailureKind.HAS_PYTHON_SIDE_EFFECTS,
                                        FailureKind.UNDETERMINABLE_SIDE_EFFECTS)
                             for f in failures):
        passing = None
    reconfigures = passing in (Precondition.P4, Precondition.P5)
    return Decision(
        Refactoring.OPTIMIZE_HYBRID_FUNCTION,
        passing,
        ((Transformation.RECONFIGURE if reconfigures else Transformation.CONVERT_TO_EAGER),)
        if passing else (),
        tuple(failures),
    )


def _retraces(attrs: FunctionAttributes) -> bool:
    return attrs.signature is not None and attrs.signature.retraces


def _reconfiguration(attrs: FunctionAttributes) -> Precondition | None:
    """P4 (add the inferred signature) or P5 (replace a supplied one the call sites do not
    fit, or that does not compare with theirs); None when the decorator should stay."""
    inferred = attrs.signature.specs if attrs.signature else None
    if inferred is None:
        return None
    if not attrs.supplies_signature:
        return Precondition.P4 if attrs.signature and attrs.signature.retraces else None
    supplied = attrs.supplied_signature
    if supplied is None:  # not a literal list of specs: nothing to compare, so it stays
        return None
    relation = compare(supplied, inferred)
    return Precondition.P5 if relation in (Relation.TIGHTER, Relation.INCOMPARABLE) else None


def decide(hybrid: bool, attrs: FunctionAttributes) -> Decision:
    """Which refactoring applies, whether it passes, and every failure with evidence."""
    return _decide_hybrid(attrs) if hybrid else _decide_eager(attrs)
