"""The facts WALA's engine hands to Python, as records, and their decoding from its JSON.

Each record is one kind of fact (``hybridize.bridge.wala.WalaProject`` builds them); every
located fact has a ``file``, a first ``line`` and a ``span`` (``hybridize.report.Span``), None
where WALA has no position. ``decode_*`` read the engine's JSON documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hybridize.bridge.value_kinds import ArgumentFact, ValueKind
from hybridize.report import Span


@dataclass(frozen=True)
class ParamInfo:
    name: str
    line: int
    #: 0-based column in code points.
    col: int


@dataclass(frozen=True)
class FunctionInfo:
    qualified_name: str
    file: str
    line: int
    params: tuple[ParamInfo, ...]
    #: "function" (def, method, lambda) or "module" (top-level code).
    kind: str = "function"
    #: For a method the framework calls: "keras" or "callback" (its class derives, through
    #: project classes, a Keras layer/model or callback), as WALA's class hierarchy says.
    framework: str | None = None


@dataclass(frozen=True)
class CallEdge:
    """One call site calling one callee (a project function or a library API)."""

    caller: str
    callee: str
    file: str
    line: int
    #: For a call of a library method on a value the API model types: that value's kind
    #: ("tensor", "dataset", ...), as WALA's pointer analysis found it.
    receiver: ValueKind | None = None
    #: For a library call: what each positional argument may be, one ``ArgumentFact`` per
    #: object the pointer analysis says it may point to, merged over the call's contexts.
    #: Empty: nothing known.
    arguments: tuple[frozenset[ArgumentFact], ...] = ()
    #: The same for keyword arguments, by name.
    keywords: tuple[tuple[str, frozenset[ArgumentFact]], ...] = ()
    #: The call expression (``np.square(x)``).
    span: Span | None = None

    def argument(self, index: int) -> frozenset[ArgumentFact]:
        return self.arguments[index] if index < len(self.arguments) else frozenset()

    def keyword(self, name: str) -> frozenset[ArgumentFact]:
        return next((kinds for key, kinds in self.keywords if key == name), frozenset())

    def passed(self) -> frozenset[ArgumentFact]:
        """Everything any argument may be."""
        return frozenset().union(*self.arguments, *(kinds for _, kinds in self.keywords))


@dataclass(frozen=True)
class AbstractObject:
    """An abstract object of the pointer analysis, located at its allocation site."""

    #: "constant", "object", "function", "class", "method", "library", "module", "list",
    #: "tuple", "dict", "set", "generator", "staticmethod", "classmethod", "property", "super"
    kind: str
    type_name: str
    file: str | None = None
    line: int | None = None
    #: For constants: the Python value (int, float, bool, str or None).
    value: Any = None
    #: For library objects the API model types: "tensor", "variable", "dataset",
    #: "keras_object", "tf_object", "int", ... (None: untyped).
    value_kind: str | None = None
    #: The allocation site's expression.
    span: Span | None = None


@dataclass(frozen=True)
class CallSite:
    caller: str | None
    file: str | None
    line: int | None
    #: The call expression.
    span: Span | None = None


@dataclass(frozen=True)
class PassedValue:
    """A value some call site of the project passes to a parameter (WALA pointer analysis)."""

    #: TENSOR, TENSOR_CONTAINER, INT, FLOAT, BOOL, STR, PRIMITIVE_CONTAINER (a tuple, list,
    #: dict or set holding Python scalars), NONE or OTHER.
    kind: ValueKind
    #: For a person: "tensorflow.constant(...)", "the int literal 3", "a tuple holding tensors".
    what: str
    #: Allocation site of the value (None for literals, which have none).
    file: str | None
    line: int | None
    call: CallSite
    #: The allocation site's expression.
    span: Span | None = None
    #: A Keras symbolic tensor (``keras.Input(...)`` or computed from one), which
    #: ``tf.function`` refuses.
    symbolic: bool = False
    #: Whether its allocation site may run more than once (Java's ``RepeatedCode``: a function
    #: body, a loop of module code); None when it has no site.
    repeats: bool | None = None
    #: The value is a library object the API model does not type (a result of an API it does
    #: not list): nothing is known of it, so a type hint may say what it is.
    opaque: bool = False


@dataclass(frozen=True)
class ShapeSource:
    """A tensor a call site passes to a parameter, as the shape analysis saw it."""

    #: The library API that made it ("tensorflow.zeros"), or what it is for a person.
    api: str
    file: str | None
    line: int | None
    #: Axes (None: unknown length); None: unknown rank.
    shape: tuple[int | None, ...] | None
    dtype: str | None
    #: The allocating expression.
    span: Span | None = None


@dataclass(frozen=True)
class AxisRead:
    """Where a function reads an axis of a parameter as a Python value (``x.shape[1]``), in its
    own IR or a project callee's (Java's ``StaticAxisReads``)."""

    #: The axis (negative: from the end); None: every axis (``x.shape.as_list()``).
    axis: int | None
    file: str
    line: int
    #: How it is read, for a person ("`.shape`[1]").
    what: str
    #: The reading expression.
    span: Span | None = None


@dataclass(frozen=True)
class ParameterSpec:
    """The ``tf.TensorSpec`` accepting every tensor a parameter's call sites pass (Java's
    ``InputSignatures``): axes that differ are None. ``reason`` says why there is none."""

    shape: tuple[int | None, ...] | None
    dtype: str | None
    reason: str | None
    sources: tuple[ShapeSource, ...] = ()
    axis_reads: tuple[AxisRead, ...] = ()


@dataclass(frozen=True)
class SideEffect:
    """A location a function writes that its caller can see (WALA mod-ref, callees included)."""

    #: The statement that writes it.
    file: str
    line: int
    #: What is written, for a person: "global `counter` of module `train`", "Python I/O: print".
    what: str
    #: Qualified names of the callees from the function to the one writing; empty if it writes.
    via: tuple[str, ...] = ()
    #: The writing statement or call (``CACHE[0] = x``, ``print(y)``).
    span: Span | None = None


@dataclass(frozen=True)
class StaleRead:
    """Python state a function reads that code outside it changes between its calls (WALA
    mod-ref: the closure's ref set against the writes outside it)."""

    #: The statement that reads it.
    file: str
    line: int
    #: What is read, for a person: "global `SCALE` of module `train`".
    what: str
    #: Qualified names of the callees from the function to the one reading; empty if it reads.
    via: tuple[str, ...]
    #: ``file:line`` of a statement outside the function that changes it.
    changed_at: str
    #: The reading statement.
    span: Span | None = None


@dataclass(frozen=True)
class TensorComputation:
    """A tensor a function computes in its own code (the pointer analysis' tensor-typed
    objects allocated at its instructions)."""

    file: str
    line: int
    #: The API or type that made it: "tensorflow.math.reduce_sum", "tensorflow.Tensor".
    what: str
    #: The computing call or operator.
    span: Span | None = None


@dataclass(frozen=True)
class FunctionObjectUse:
    """A use of a hybrid function's ``tf.function`` object beyond calling it (pointer analysis)."""

    file: str
    line: int
    #: "attribute" (an attribute of the Function object is read), "signature" (it is passed
    #: to ``tf.saved_model.save`` as a signature) or "saved" (the saved object holds it).
    kind: str
    #: The attribute read, or the export API.
    detail: str
    #: The attribute read or the export call.
    span: Span | None = None


@dataclass(frozen=True)
class Place:
    """Where some code is: its file, first line and exact range."""

    file: str
    line: int
    span: Span | None = None


@dataclass(frozen=True)
class TensorIteration:
    """Python iterating a value the pointer analysis types as a tensor."""

    file: str
    line: int
    #: "for" (a for statement, which AutoGraph converts), "comprehension" (a list, set or
    #: dict comprehension or a generator expression) or "unpacking" (``a, b = t``).
    construct: str
    #: For a for: the calls in its loop that add to a Python list, dict or set.
    collects: tuple[Place, ...] = ()
    #: The iterating code: the for's target, the comprehension, the unpacking assignment.
    span: Span | None = None


@dataclass(frozen=True)
class GivenUp:
    """A rung of the engine's analysis ladder given up: "1-cfa", "0-cfa" or "0-cfa-coarse";
    why: "budget" (1-CFA's seconds), "work" (1-CFA's solver steps), "deadline" (the whole
    analysis'), "memory" or "error" (it threw); after how many seconds, of how many it was
    allowed (None: until the deadline); after how many solver steps, of how many (None: no
    limit); for "error", the Java exception."""

    rung: str
    reason: str
    seconds: float
    allowed: float | None = None
    steps: int | None = None
    step_limit: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class Degradation:
    """How far down the ladder the analysis went: the rungs given up, and the one whose call
    graph the project got ("1-cfa", "0-cfa", "0-cfa-coarse" or "none": no call graph)."""

    rung: str
    given_up: tuple[GivenUp, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any], context: str) -> Degradation:
        steps = tuple(GivenUp(str(s["rung"]), str(s["reason"]), float(s["seconds"]),
                              float(s["allowed"]) if "allowed" in s else None,
                              int(s["steps"]) if "steps" in s else None,
                              int(s["step_limit"]) if "step_limit" in s else None,
                              s.get("error"))
                      for s in data.get("steps", ()))
        return cls(str(data.get("rung", context)), steps)


def decode_span(raw: dict[str, Any]) -> Span | None:
    """The range the engine gives a fact (``org.hybridize.analysis.SourceRange``)."""
    if "column" not in raw:
        return None
    return Span(raw["line"], raw["column"], raw["end_line"], raw["end_column"])


def decode_place(raw: dict[str, Any]) -> Place:
    return Place(raw["file"], raw["line"], decode_span(raw))


def decode_passed_value(raw: dict[str, Any]) -> PassedValue:
    call = raw["call"]
    return PassedValue(ValueKind(raw["kind"]), raw["what"], raw.get("file"), raw.get("line"),
                       CallSite(call.get("caller"), call.get("file"), call.get("line"),
                                decode_span(call)),
                       decode_span(raw), raw.get("symbolic", False), raw.get("repeats"),
                       raw.get("opaque", False))


def decode_argument(raw: list[dict[str, Any]]) -> frozenset[ArgumentFact]:
    """One argument's kinds (``org.hybridize.analysis.ArgumentKinds.Kind``)."""
    return frozenset(ArgumentFact(ValueKind(k["kind"]), k.get("falsy", False), k.get("library"))
                     for k in raw)


def decode_shape(raw: list[int | None] | None) -> tuple[int | None, ...] | None:
    return None if raw is None else tuple(raw)


def decode_parameter_spec(raw: dict[str, Any]) -> ParameterSpec:
    sources = tuple(ShapeSource(s["api"], s.get("file"), s.get("line"), decode_shape(s.get("shape")),
                                s.get("dtype"), decode_span(s)) for s in raw.get("sources", ()))
    reads = tuple(AxisRead(r.get("axis"), r["file"], r["line"], r["what"], decode_span(r))
                  for r in raw.get("axis_reads", ()))
    return ParameterSpec(decode_shape(raw.get("shape")), raw.get("dtype"), raw.get("reason"), sources,
                         reads)


def decode_edge(e: dict[str, Any]) -> CallEdge:
    return CallEdge(
        e["caller"], e["callee"], e["file"], e["line"],
        ValueKind(e["receiver"]) if "receiver" in e else None,
        tuple(decode_argument(kinds) for kinds in e.get("arguments", ())),
        tuple((name, decode_argument(kinds)) for name, kinds in e.get("keywords", {}).items()),
        decode_span(e),
    )


def decode_function(raw: dict[str, Any]) -> FunctionInfo:
    params = tuple(ParamInfo(p["name"], p["line"], p["col"]) for p in raw["params"])
    return FunctionInfo(raw["qualified_name"], raw["file"], raw["line"], params, raw["kind"],
                        raw.get("framework"))
