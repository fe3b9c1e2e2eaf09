"""What the analyses need from the whole-program front end, and its adapter to WALA.

The analyses read call edges, the functions the front end analysed, the files it lost, the
constructs it only approximated, the values call sites pass to parameters (WALA's pointer
analysis over the typed API model), WALA's mod-ref side effects and the uses of hybrid
functions' tf.function objects. Keeping this narrow lets
the unit tests build facts by hand and the front end evolve freely. The result types are the front end's own.

A fact the front end failed to compute is None (``failed_facts`` says why): the functions whose
verdict needs it are undetermined (``hybridize.analysis.absent_facts``), the others unaffected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

from hybridize.bridge.java_errors import java_failure
from hybridize.bridge.wala import (
    CallEdge,
    CallSite,
    FunctionObjectUse,
    ParameterSpec,
    PassedValue,
    SideEffect,
    StaleRead,
    TensorComputation,
    TensorIteration,
    WalaProject,
)
from hybridize.report import ErrorRecord

__all__ = ["CallEdge", "CallSite", "FactFailure", "FunctionObjectUse", "ParameterSpec",
           "ParameterSpecs", "ParameterValues", "PassedValue", "ProgramFacts", "SideEffect",
           "StaleRead", "StaticFacts", "TensorComputation", "TensorIteration", "WalaFacts"]

#: function -> parameter -> what call sites pass to it, for functions with a call-graph node.
ParameterValues = dict[str, dict[str, list[PassedValue]]]
#: function -> parameter -> the TensorSpec its call sites' tensors fit, or why none does.
ParameterSpecs = dict[str, dict[str, ParameterSpec]]

T = TypeVar("T")


@dataclass(frozen=True)
class FactFailure:
    """A fact the front end threw computing: its name (``side_effects``) and the exception."""

    fact: str
    error: str

    def error_record(self) -> ErrorRecord:
        return ErrorRecord("", None, f"the analysis failed to compute {self.fact}, so the "
                                     f"functions whose verdict needs it are undetermined: "
                                     f"{self.error}")


class ProgramFacts(Protocol):
    def analysed_functions(self) -> frozenset[str]: ...

    def call_edges(self) -> Iterable[CallEdge]: ...

    def framework_families(self) -> dict[str, str]:
        """Methods the framework calls: qualified name -> "keras" or "callback"."""
        ...

    def failed_files(self) -> frozenset[str]:
        """Files nothing of which was analysed."""
        ...

    def approximations(self) -> Iterable[tuple[str, int]]:
        """(file, line) of each construct the front end translated only conservatively."""
        ...

    def parameter_values(self) -> ParameterValues | None:
        """What call sites pass to parameters (pointer analysis); None if not computed."""
        ...

    def side_effects(self) -> dict[str, list[SideEffect]] | None:
        """Mod-ref side effects per function with a call-graph node; None if not computed."""
        ...

    def input_signatures(self) -> ParameterSpecs | None:
        """Per function and parameter, the inferred TensorSpec (shapes through the pointer
        analysis); a function missing here has none. None if not computed."""
        ...

    def function_object_uses(self) -> dict[str, list[FunctionObjectUse]] | None:
        """Per hybrid function, the uses of its tf.function object beyond calls (none: absent);
        None if not computed."""
        ...

    def stale_reads(self) -> dict[str, list[StaleRead]] | None:
        """Per function, Python state it reads that other code changes between its calls;
        None if not computed."""
        ...

    def tensor_computations(self) -> dict[str, list[TensorComputation]] | None:
        """Per function, the tensors its own code computes (none: absent); None if not
        computed."""
        ...

    def tensor_iterations(self) -> dict[str, list[TensorIteration]] | None:
        """Per function, where it iterates a tensor in Python (none: absent); None if not
        computed."""
        ...

    def failed_facts(self) -> list[FactFailure]:
        """The facts the front end threw computing (each one None), and why."""
        ...


@dataclass
class StaticFacts:
    """Facts given as plain data (unit tests; a front end's cached result)."""

    functions: frozenset[str]
    edges: list[CallEdge] = field(default_factory=list)
    failures: frozenset[str] = frozenset()
    values: ParameterValues | None = None
    approximated: list[tuple[str, int]] = field(default_factory=list)
    effects: dict[str, list[SideEffect]] | None = None
    object_uses: dict[str, list[FunctionObjectUse]] | None = field(default_factory=dict)
    families: dict[str, str] = field(default_factory=dict)
    stale: dict[str, list[StaleRead]] | None = field(default_factory=dict)
    tensors: dict[str, list[TensorComputation]] | None = field(default_factory=dict)
    specs: ParameterSpecs | None = field(default_factory=dict)
    iterations: dict[str, list[TensorIteration]] | None = field(default_factory=dict)

    def analysed_functions(self) -> frozenset[str]:
        return self.functions

    def framework_families(self) -> dict[str, str]:
        return self.families

    def call_edges(self) -> Iterable[CallEdge]:
        return self.edges

    def failed_files(self) -> frozenset[str]:
        return self.failures

    def approximations(self) -> Iterable[tuple[str, int]]:
        return self.approximated

    def parameter_values(self) -> ParameterValues | None:
        return self.values

    def side_effects(self) -> dict[str, list[SideEffect]] | None:
        return self.effects

    def function_object_uses(self) -> dict[str, list[FunctionObjectUse]] | None:
        return self.object_uses

    def stale_reads(self) -> dict[str, list[StaleRead]] | None:
        return self.stale

    def tensor_computations(self) -> dict[str, list[TensorComputation]] | None:
        return self.tensors

    def input_signatures(self) -> ParameterSpecs | None:
        return self.specs

    def tensor_iterations(self) -> dict[str, list[TensorIteration]] | None:
        return self.iterations

    def failed_facts(self) -> list[FactFailure]:
        return []


class WalaFacts:
    """Adapts ``hybridize.bridge.wala.WalaProject`` to ProgramFacts."""

    def __init__(self, project: WalaProject) -> None:
        self._project = project
        self._functions = frozenset(fn.qualified_name for fn in project.functions)
        self._failed = project.lost_files
        self._approximated = [
            (e.file, e.line) for e in project.errors
            if e.file not in self._failed and e.line is not None
        ]
        #: The front end's answers, each asked once (one JVM call, only when an analysis asks).
        self._answers: dict[str, Any] = {}
        self._failures: list[FactFailure] = []

    def analysed_functions(self) -> frozenset[str]:
        return self._functions

    def framework_families(self) -> dict[str, str]:
        return {fn.qualified_name: fn.framework for fn in self._project.functions
                if fn.framework is not None}

    def call_edges(self) -> Iterable[CallEdge]:
        return self._project.edges

    def failed_files(self) -> frozenset[str]:
        return self._failed

    def approximations(self) -> Iterable[tuple[str, int]]:
        return self._approximated

    def parameter_values(self) -> ParameterValues | None:
        return self._once(self._project.parameter_values)

    def side_effects(self) -> dict[str, list[SideEffect]] | None:
        return self._once(self._project.side_effects)

    def function_object_uses(self) -> dict[str, list[FunctionObjectUse]] | None:
        return self._once(self._project.function_object_uses)

    def stale_reads(self) -> dict[str, list[StaleRead]] | None:
        return self._once(self._project.stale_reads)

    def tensor_computations(self) -> dict[str, list[TensorComputation]] | None:
        return self._once(self._project.tensor_computations)

    def input_signatures(self) -> ParameterSpecs | None:
        return self._once(self._project.input_signatures)

    def tensor_iterations(self) -> dict[str, list[TensorIteration]] | None:
        return self._once(self._project.tensor_iterations)

    def failed_facts(self) -> list[FactFailure]:
        return list(self._failures)

    def _once(self, ask: Callable[[], T]) -> T | None:
        """The front end's answer to ``ask``, asked at most once; None when the engine threw
        computing it (one analysis' bug must not cost the others: ``failed_facts``)."""
        key = ask.__name__
        if key not in self._answers:
            try:
                self._answers[key] = ask()
            except Exception as exc:  # noqa: BLE001 - only a Java exception is a failed fact
                failure = java_failure(exc)
                if failure is None:
                    raise  # a bug on the Python side
                self._answers[key] = None
                self._failures.append(FactFailure(key, failure))
        return cast("T | None", self._answers[key])
