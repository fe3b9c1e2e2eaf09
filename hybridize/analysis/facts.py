"""What the analyses need from the whole-program front end, and its adapter to WALA.

The analyses read call edges, the functions the front end analysed, the files it lost, the
constructs it only approximated, the values call sites pass to parameters (WALA's pointer
analysis over the typed API model), WALA's mod-ref side effects and the uses of hybrid
functions' tf.function objects. Keeping this narrow lets
the unit tests build facts by hand and the front end evolve freely. The result types are the front end's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

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

__all__ = ["CallEdge", "CallSite", "FunctionObjectUse", "ParameterSpec", "ParameterSpecs",
           "ParameterValues", "PassedValue", "ProgramFacts", "SideEffect", "StaleRead",
           "StaticFacts", "TensorComputation", "TensorIteration", "WalaFacts"]

#: function -> parameter -> what call sites pass to it, for functions with a call-graph node.
ParameterValues = dict[str, dict[str, list[PassedValue]]]
#: function -> parameter -> the TensorSpec its call sites' tensors fit, or why none does.
ParameterSpecs = dict[str, dict[str, ParameterSpec]]

T = TypeVar("T")


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

    def input_signatures(self) -> ParameterSpecs:
        """Per function and parameter, the inferred TensorSpec (shapes through the pointer
        analysis); a function missing here has none."""
        ...

    def function_object_uses(self) -> dict[str, list[FunctionObjectUse]]:
        """Per hybrid function, the uses of its tf.function object beyond calls (none: absent)."""
        ...

    def stale_reads(self) -> dict[str, list[StaleRead]]:
        """Per function, Python state it reads that other code changes between its calls."""
        ...

    def tensor_computations(self) -> dict[str, list[TensorComputation]]:
        """Per function, the tensors its own code computes (none: absent)."""
        ...

    def tensor_iterations(self) -> dict[str, list[TensorIteration]]:
        """Per function, where it iterates a tensor in Python (none: absent)."""
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
    object_uses: dict[str, list[FunctionObjectUse]] = field(default_factory=dict)
    families: dict[str, str] = field(default_factory=dict)
    stale: dict[str, list[StaleRead]] = field(default_factory=dict)
    tensors: dict[str, list[TensorComputation]] = field(default_factory=dict)
    specs: ParameterSpecs = field(default_factory=dict)
    iterations: dict[str, list[TensorIteration]] = field(default_factory=dict)

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

    def function_object_uses(self) -> dict[str, list[FunctionObjectUse]]:
        return self.object_uses

    def stale_reads(self) -> dict[str, list[StaleRead]]:
        return self.stale

    def tensor_computations(self) -> dict[str, list[TensorComputation]]:
        return self.tensors

    def input_signatures(self) -> ParameterSpecs:
        return self.specs

    def tensor_iterations(self) -> dict[str, list[TensorIteration]]:
        return self.iterations


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

    def parameter_values(self) -> ParameterValues:
        return self._once(self._project.parameter_values)

    def side_effects(self) -> dict[str, list[SideEffect]]:
        return self._once(self._project.side_effects)

    def function_object_uses(self) -> dict[str, list[FunctionObjectUse]]:
        return self._once(self._project.function_object_uses)

    def stale_reads(self) -> dict[str, list[StaleRead]]:
        return self._once(self._project.stale_reads)

    def tensor_computations(self) -> dict[str, list[TensorComputation]]:
        return self._once(self._project.tensor_computations)

    def input_signatures(self) -> ParameterSpecs:
        return self._once(self._project.input_signatures)

    def tensor_iterations(self) -> dict[str, list[TensorIteration]]:
        return self._once(self._project.tensor_iterations)

    def _once(self, ask: Callable[[], T]) -> T:
        """The front end's answer to ``ask``, asked at most once."""
        key = ask.__name__
        if key not in self._answers:
            self._answers[key] = ask()
        return cast(T, self._answers[key])
