"""The analysis report: data classes and enums behind the JSON contract.

The JSON keys are a public interface (see shared/design/output-contract.md): add
keys freely, never rename or drop one. Everything here is plain data so it can be
serialised, compared in tests and passed between processes.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any


class FailureKind(enum.Enum):
    """Precondition failures, numbered as in the published approach (tables 1 and 2)."""

    CURRENTLY_NOT_HANDLED = 1
    UNDETERMINABLE_SIDE_EFFECTS = 3
    HAS_PYTHON_SIDE_EFFECTS = 4
    HAS_NO_TENSOR_PARAMETERS = 6
    HAS_TENSOR_PARAMETERS = 7
    IS_RECURSIVE = 8
    CANT_APPROXIMATE_RECURSION = 9
    UNDETERMINABLE_TENSOR_PARAMETER = 10
    UNDETERMINABLE_PRIMITIVE_PARAMETER = 11
    HAS_PRIMITIVE_PARAMETERS = 12
    HAS_NO_PRIMITIVE_PARAMETERS = 13
    NO_TENSOR_COMPUTATION = 14
    HAS_EAGER_ONLY_CALLS = 15
    HAS_NUMPY_CALLS_ON_PARAMETERS = 16
    HAS_INVALID_NAME_ARGUMENTS = 17
    HAS_UNRESOLVED_STATICALLY_READ_AXES = 18
    HAS_STALE_VARIABLE_READS = 19
    HAS_TENSOR_PARAMETER_ITERATION = 20
    HAS_COVERED_CALLERS = 21
    HAS_CONFLICTING_EAGER_DTYPE_COERCIONS = 22
    HAS_KERAS_SYMBOLIC_ARGUMENTS = 23
    #: New here: the traced body may create variables on objects that differ between calls.
    HAS_LATE_VARIABLE_CREATION = 24

    @property
    def code(self) -> int:
        return self.value


class Refactoring(enum.Enum):
    CONVERT_EAGER_FUNCTION_TO_HYBRID = "CONVERT_EAGER_FUNCTION_TO_HYBRID"
    OPTIMIZE_HYBRID_FUNCTION = "OPTIMIZE_HYBRID_FUNCTION"


class Transformation(enum.Enum):
    CONVERT_TO_HYBRID = "CONVERT_TO_HYBRID"
    CONVERT_TO_EAGER = "CONVERT_TO_EAGER"
    RECONFIGURE = "RECONFIGURE"


class Precondition(enum.Enum):
    """Passing preconditions of the published approach."""

    P1 = "P1"  # eager -> hybrid: tensor param, no primitive param, no side effects, not recursive
    P2 = "P2"  # hybrid -> eager: no tensor param, no side effects
    P3 = "P3"  # hybrid -> eager: tensor and primitive params, no side effects
    P6 = "P6"  # hybrid -> eager: tensor params, no tensor computation, no side effects
    P4 = "P4"  # hybrid: no input_signature, one inferred from the call sites -> add it
    P5 = "P5"  # hybrid: supplied input_signature tighter or incomparable -> replace it


@dataclass(frozen=True)
class Span:
    """The source range of an expression or statement, as Python's ``ast`` gives it and WALA's
    facts carry it: lines 1-based, columns 0-based and counted in code points (indices into the
    line as a Python ``str``; CPython's own ``col_offset`` counts UTF-8 bytes, which the bridge
    converts), the end exclusive. A tab is one column."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Evidence:
    """One place in the source that supports a conclusion."""

    #: Path relative to the analysed project, forward slashes.
    file: str
    #: 1-based line.
    line: int
    #: What happens there, for a person ("writes global `counter`").
    what: str
    #: The exact code it is about (its first line is ``line``); None when unknown.
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        """``file``, ``line``, ``what`` and, from the span (null when unknown), ``column``,
        ``end_line`` and ``end_column`` (the units of ``Span``)."""
        span = self.span
        return {"file": self.file, "line": self.line, "what": self.what,
                "column": span.column if span else None,
                "end_line": span.end_line if span else None,
                "end_column": span.end_column if span else None}


@dataclass(frozen=True)
class Failure:
    kind: FailureKind
    message: str
    evidence: tuple[Evidence, ...] = ()
    #: The registry name of the hazard rule that found it (``hybridize.verdicts.rules``), if any.
    rule: str | None = None
    #: The configuration ignores it (``ignore`` in ``[tool.hybridize]``): it does not block.
    ignored: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.name,
            "code": self.kind.code,
            "message": self.message,
            "evidence": [e.to_json() for e in self.evidence],
            "rule": self.rule,
            "ignored": self.ignored,
        }


class AssumptionBasis(enum.Enum):
    """What an assumption rests on (the report's ``assumptions[].basis``)."""

    #: A parameter's type hint as written (``x: tf.Tensor``).
    TYPE_HINT = "type_hint"
    #: The API model's contract of a method the framework calls (Keras ``call``).
    FRAMEWORK = "framework"
    #: A naming convention (``inputs``, ``num_steps``).
    NAMING = "naming"
    #: The configuration's ``ignore`` waived the failures.
    IGNORED = "ignored"


@dataclass(frozen=True)
class Assumption:
    """A decision the static analysis could not prove and the speculative analysis made."""

    #: Which attribute was decided ("tensor_parameter", ...).
    attribute: str
    #: Why ("parameter `x` is annotated `tf.Tensor`").
    reason: str
    #: What the decision rests on; None where a caller built one without saying.
    basis: AssumptionBasis | None = None

    def to_json(self) -> dict[str, Any]:
        return {"attribute": self.attribute, "reason": self.reason,
                "basis": self.basis.value if self.basis else None}


class Applicability(enum.Enum):
    """How far an edit can be trusted (after ruff's fix applicability)."""

    #: Every precondition was proven by the analysis.
    SAFE = "safe"
    #: The decision rests on speculative evidence (the report lists assumptions).
    UNSAFE = "unsafe"

    @classmethod
    def of(cls, function: FunctionReport) -> Applicability:
        return cls.UNSAFE if function.assumptions else cls.SAFE

    def admitted(self, unsafe: bool) -> bool:
        """Whether an edit of this grade is made: a safe one always, an unsafe one only when
        the user asked for unsafe edits."""
        return self is Applicability.SAFE or unsafe


@dataclass
class FunctionReport:
    """Everything the report says about one `def`."""

    name: str
    qualified_name: str
    file: str
    line: int
    hybrid: bool
    decorator_args: dict[str, str] = field(default_factory=dict)
    #: Tri-state attributes: None means "could not be determined", never a guess.
    tensor_parameter: bool | None = None
    primitive_parameter: bool | None = None
    python_side_effects: bool | None = None
    recursive: bool | None = None
    refactoring: Refactoring | None = None
    passing_precondition: Precondition | None = None
    transformations: list[Transformation] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    #: Per attribute ("tensor_parameter", ...), the places that decided it, failing or not.
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    #: The input signature inferred from the call sites: per parameter {"shape", "dtype"}.
    input_signature: list[dict[str, Any]] | None = None
    #: Why no input signature could be inferred.
    input_signature_reason: str | None = None

    @property
    def applicability(self) -> Applicability | None:
        """The grade of the edit its transformations make; None when there is none."""
        return Applicability.of(self) if self.transformations else None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "qualified_name": self.qualified_name,
            "file": self.file,
            "line": self.line,
            "hybrid": self.hybrid,
            "decorator_args": dict(self.decorator_args),
            "tensor_parameter": self.tensor_parameter,
            "primitive_parameter": self.primitive_parameter,
            "python_side_effects": self.python_side_effects,
            "recursive": self.recursive,
            "refactoring": self.refactoring.value if self.refactoring else None,
            "passing_precondition": (
                self.passing_precondition.value if self.passing_precondition else None
            ),
            "transformations": [t.value for t in self.transformations],
            "failures": [f.to_json() for f in self.failures],
            "assumptions": [a.to_json() for a in self.assumptions],
            "info": list(self.info),
            "evidence": {attribute: [e.to_json() for e in items]
                         for attribute, items in self.evidence.items()},
            "applicability": self.applicability.value if self.applicability else None,
            "input_signature": self.input_signature,
            "input_signature_reason": self.input_signature_reason,
        }


@dataclass(frozen=True)
class ErrorRecord:
    """A file, or a part of one, that could not be analysed."""

    file: str
    line: int | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Timing:
    total_s: float = 0.0
    parse_s: float = 0.0
    jvm_start_s: float = 0.0
    call_graph_s: float = 0.0
    analysis_s: float = 0.0


@dataclass
class Report:
    tool: dict[str, str]
    project: str
    settings: dict[str, Any]
    functions: list[FunctionReport]
    errors: list[ErrorRecord]
    timing: Timing = field(default_factory=Timing)
    #: Things the user should know about this run that are not errors.
    notes: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        by_failure: dict[str, int] = {}
        by_transformation: dict[str, int] = {}
        for fn in self.functions:
            for failure in fn.failures:
                by_failure[failure.kind.name] = by_failure.get(failure.kind.name, 0) + 1
            for t in fn.transformations:
                by_transformation[t.value] = by_transformation.get(t.value, 0) + 1
        return {
            "functions": len(self.functions),
            "candidates": sum(1 for fn in self.functions if fn.refactoring is not None),
            "refactorable": sum(1 for fn in self.functions if fn.passing_precondition is not None),
            "by_failure": by_failure,
            "by_transformation": by_transformation,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": dict(self.tool),
            "project": self.project,
            "settings": dict(self.settings),
            "functions": [fn.to_json() for fn in self.functions],
            "errors": [e.to_json() for e in self.errors],
            "summary": self.summary(),
            "timing": asdict(self.timing),
            "notes": list(self.notes),
        }
