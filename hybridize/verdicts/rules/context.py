"""What a rule may read: WALA's call graph (project and library callees), the uses of hybrid
functions' tf.function objects (pointer analysis) and the API model."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hybridize.analysis.models import ApiModel
from hybridize.analysis.quote import SourceQuoter
from hybridize.bridge.wala import (
    CallEdge,
    FunctionObjectUse,
    ParameterSpec,
    PassedValue,
    StaleRead,
    TensorComputation,
    TensorIteration,
)
from hybridize.report import Evidence, Span
from hybridize.verdicts.rules._reach import reach_sizes, reaching

if TYPE_CHECKING:
    from hybridize.parse.functions import FunctionDef


@dataclass(frozen=True)
class Reached:
    """A project function a traced call would run, and the calls that lead there."""

    qualified_name: str
    #: The call edges from the function a rule asks about to this one (empty for itself).
    via: tuple[CallEdge, ...]

    def evidence(self, file: str, line: int, what: str, span: Span | None = None) -> Evidence:
        """Evidence at a place in this function (``span``: the exact code), naming the calls
        that reach it."""
        if self.via:
            path = " -> ".join(f"`{e.callee.rpartition('.')[2]}`"
                               + (f" ({e.file}:{e.line})" if e.line else "") for e in self.via)
            what = f"{what}, reached via {path}"
        return Evidence(file, line, what, span)


@dataclass
class RuleContext:
    """The whole-program facts every rule reads, indexed once per analysis."""

    model: ApiModel
    #: Qualified names of the project's functions (callees outside it are library APIs).
    project_functions: frozenset[str]
    edges: Iterable[CallEdge]
    #: Per hybrid function, the uses of its tf.function object beyond calling it.
    object_uses: Mapping[str, list[FunctionObjectUse]] = field(default_factory=dict)
    #: The project's definitions by qualified name, for rules that read a callee's code.
    definitions: Mapping[str, FunctionDef] = field(default_factory=dict)
    #: What call sites pass to each function's parameters (WALA's pointer analysis).
    passed: Mapping[str, Mapping[str, list[PassedValue]]] = field(default_factory=dict)
    #: Methods the framework calls: qualified name -> "keras" or "callback".
    families: Mapping[str, str] = field(default_factory=dict)
    #: Per function, per parameter: the TensorSpec joined over the call sites, the tensors that
    #: decided it and the body's static axis reads (WALA's shapes, ``InputSignatures``).
    signatures: Mapping[str, Mapping[str, ParameterSpec]] = field(default_factory=dict)
    #: Per function, Python state it (or a callee) reads that other code changes (mod-ref).
    stale_reads: Mapping[str, list[StaleRead]] = field(default_factory=dict)
    #: Per function, the tensors its own code computes (pointer analysis).
    tensor_computations: Mapping[str, list[TensorComputation]] = field(default_factory=dict)
    #: Per function, where it iterates a tensor in Python (WALA's pointer analysis).
    iterations: Mapping[str, list[TensorIteration]] = field(default_factory=dict)
    #: The project's source, to quote the code evidence is about; None: nothing is quoted.
    quoter: SourceQuoter | None = None
    _callees: dict[str, list[CallEdge]] = field(init=False, repr=False)
    _callers: dict[str, list[CallEdge]] = field(init=False, repr=False)
    _by_line: dict[tuple[str, int], list[CallEdge]] = field(init=False, repr=False)
    #: Whole-program summaries by key (``summary``), computed on first use.
    _summaries: dict[Hashable, object] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._callees = {}
        self._callers = {}
        self._by_line = {}
        self._summaries = {}
        for edge in self.edges:
            self._by_line.setdefault((edge.file, edge.line), []).append(edge)
            if edge.caller != edge.callee:
                self._callees.setdefault(edge.caller, []).append(edge)
            self._callers.setdefault(edge.callee, []).append(edge)
        for calls in self._callees.values():
            calls.sort(key=lambda e: (e.file, e.line, e.callee))

    def at(self, what: str, file: str, line: int, span: Span | None) -> str:
        """``what`` followed by the code it happens in: "... at `np.square(x)`"."""
        return self.quoter.at(what, file, line, span) if self.quoter else what

    def passed_at(self, value: PassedValue, what: str) -> Evidence:
        """Evidence at the call site passing ``value`` (its allocation site when the call is
        unknown), quoting that code."""
        if value.call.file and value.call.line:
            file, line, span = value.call.file, value.call.line, value.call.span
        else:
            file, line, span = value.file or "", value.line or 0, value.span
        return Evidence(file, line, self.at(what, file, line, span), span)

    def library_calls(self, function: str) -> list[CallEdge]:
        """The calls ``function`` makes into library code, in source order."""
        return [e for e in self._callees.get(function, ()) if e.callee not in self.project_functions]

    def function_object_uses(self, function: str) -> list[FunctionObjectUse]:
        """Where the tf.function object of hybrid ``function`` is used as such, in source order."""
        return sorted(self.object_uses.get(function, ()), key=lambda u: (u.file, u.line, u.kind))

    def calls_from(self, function: str) -> list[CallEdge]:
        """Every call ``function`` makes (project and library callees), in source order."""
        return self._callees.get(function, [])

    def calls_of(self, function: str) -> list[CallEdge]:
        """Every call of ``function`` the call graph has (module code and recursion included)."""
        return self._callers.get(function, [])

    def calls_at(self, file: str, line: int) -> list[CallEdge]:
        """Every call WALA resolved on one line (a decorator is a call of the decorator)."""
        return self._by_line.get((file, line), [])

    def reached(self, function: str) -> Iterator[Reached]:
        """``function`` and every project function its calls reach, nearest first."""
        seen = {function}
        queue = deque([Reached(function, ())])
        while queue:
            current = queue.popleft()
            yield current
            for edge in self._callees.get(current.qualified_name, ()):
                if edge.callee in self.project_functions and edge.callee not in seen:
                    seen.add(edge.callee)
                    queue.append(Reached(edge.callee, (*current.via, edge)))

    def summary(self, key: Hashable, compute: Callable[[], object]) -> object:
        """A whole-program fact computed once per analysis (``compute()``), not per function."""
        if key not in self._summaries:
            self._summaries[key] = compute()
        return self._summaries[key]

    def reaches(self, function: str, key: Hashable, marked: Callable[[str], bool]) -> bool:
        """Whether ``function`` or a project function its calls reach is ``marked``; the same
        answer as a walk over ``reached``, from one backward walk per ``key`` for all functions."""
        found = self.summary(("reaching", key), lambda: reaching(
            (f for f in self.project_functions if marked(f)),
            lambda callee: (e.caller for e in self._callers.get(callee, ())),
            self.project_functions))
        assert isinstance(found, frozenset)
        return function in found or marked(function) or any(
            e.callee in found for e in self._callees.get(function, ()))

    def reached_count(self, function: str) -> int:
        """How many project functions ``function``'s calls reach, itself excluded (as many as
        ``reached`` yields, less one)."""
        sizes = self.summary("reach sizes", lambda: reach_sizes(
            self.project_functions, self._project_callees))
        assert isinstance(sizes, Mapping)
        if function in sizes:
            return int(sizes[function]) - 1
        return sum(1 for _ in self.reached(function)) - 1  # outside the call graph's functions

    def _project_callees(self, function: str) -> Iterator[str]:
        return (e.callee for e in self._callees.get(function, ())
                if e.callee in self.project_functions)
