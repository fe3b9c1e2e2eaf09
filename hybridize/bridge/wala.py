"""The Python API over our WALA front end: build a project's call graph and pointer analysis.

Everything WALA does happens in Java behind ``org.hybridize.engine.PythonProjectEngine``; the
project crosses the bridge one JSON document per module and results come back as one JSON
document (plus on-demand queries for points-to sets, passed values, side effects and IR).

Function identity: a function's qualified name is its module's dotted name followed by its
lexical path (``pkg.mod.C.f``, ``pkg.mod.outer.inner``, ``pkg.mod.f.<lambda@12:8>``; a second
definition of a name in the same scope gets ``@<line>``). A module's top-level code is the
module's own name. The WALA type behind ``pkg.mod.C.f`` is ``Lscript pkg/mod.py/C/f``.

Positions: every fact is located by its file, its first line and its ``span`` (first line and
column, last line and end column of the call, statement or allocation, in the units of
``hybridize.report.Span``), read from the CAst positions the front end built from the module's
JSON document; ``span`` is None where WALA has no position (synthetic code).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from hybridize.bridge import jvm
from hybridize.bridge.gc_pause import collection_paused
from hybridize.bridge.records import (
    AbstractObject,
    AxisRead,
    CallEdge,
    CallSite,
    Degradation,
    FunctionInfo,
    FunctionObjectUse,
    GivenUp,
    ParameterSpec,
    ParamInfo,
    PassedValue,
    Place,
    ShapeSource,
    SideEffect,
    StaleRead,
    TensorComputation,
    TensorIteration,
    decode_edge,
    decode_function,
    decode_parameter_spec,
    decode_passed_value,
    decode_place,
    decode_span,
)
from hybridize.bridge.serialize import serialize_module
from hybridize.parse.project import ProjectSources
from hybridize.progress import ProgressCallback, phase
from hybridize.report import ErrorRecord
from hybridize.settings import (
    DEFAULT_CALL_GRAPH_WORK,
    DEFAULT_DEADLINE_S,
    DEFAULT_MEMORY_FRACTION,
)

#: The fact records are defined in ``hybridize.bridge.records``; importing them from here
#: keeps working.
__all__ = [
    "AxisRead",
    "CONTEXTS", "AbstractObject", "AnalysisError", "CallEdge", "CallGraphSettings", "CallSite",
    "Degradation", "GivenUp",
    "FunctionInfo", "FunctionObjectUse", "ParamInfo", "ParameterSpec", "PassedValue", "Place",
    "ShapeSource", "SideEffect", "StaleRead", "TensorComputation", "TensorIteration",
    "WalaProject",
]

ENGINE_CLASS = "org.hybridize.engine.PythonProjectEngine"
UPLOAD_CLASS = "org.hybridize.engine.ModuleUpload"

#: Context sensitivities the engine supports.
CONTEXTS = ("0-cfa", "1-cfa")


class AnalysisError(RuntimeError):
    """The analysis could not complete (e.g. the JVM ran out of memory)."""


@dataclass(frozen=True)
class CallGraphSettings:
    #: "0-cfa" (context-insensitive) or "1-cfa" (one call site of context). 1-CFA is the
    #: default: on tests/frontend/fixtures it removes the spurious edges 0-CFA makes through
    #: shared helpers (e.g. identity functions) at no measurable cost.
    context: str = "1-cfa"
    #: Workaround for wala/WALA#1990 (closures reaching a function late); only tests disable it.
    lexical_refresh: bool = True
    #: Also call every module-level function and method of a module-level class from the root
    #: (unknown arguments), so functions the project never calls itself get a call-graph node.
    root_all_functions: bool = True
    #: A library call the API model's ``callbacks`` section does not list calls the project
    #: functions passed to it (``sorted(key=fn)``) with unknown arguments. Off by default: the
    #: callee then has a caller whose arguments are unknown, which the attribute analyses do not
    #: expect yet. The listed higher-order APIs (``tf.cond``, ``Dataset.map``) always call theirs.
    library_callbacks: bool = False
    #: Seconds a context-sensitive pointer analysis may take before it is abandoned for a
    #: context-insensitive one (on some real code 1-CFA grows without bound; 0 = no limit).
    #: ``WalaProject.context`` says which context the call graph was built with.
    budget_seconds: float = 120.0
    #: Solver steps per IR instruction of the project a context-sensitive pointer analysis may
    #: take before it is abandoned for a context-insensitive one (0 = no limit): a budget of
    #: work, the same on any machine, where ``budget_seconds`` depends on the machine's load.
    steps_per_instruction: float = DEFAULT_CALL_GRAPH_WORK
    #: Seconds the whole pointer analysis may take, every rung of the ladder of cheaper
    #: analyses included (``Degradation``); 0: no deadline.
    deadline_seconds: float = DEFAULT_DEADLINE_S
    #: Share of the maximum heap that may stay live after a garbage collection before the
    #: running analysis is abandoned for a cheaper one; 0: no memory guard.
    memory_fraction: float = DEFAULT_MEMORY_FRACTION

    def __post_init__(self) -> None:
        if self.context not in CONTEXTS:
            choices = ", ".join(CONTEXTS)
            raise ValueError(f"unknown context {self.context!r}; choose one of {choices}")

    def to_json(self) -> str:
        return json.dumps(
            {
                "context": self.context,
                "lexical_refresh": self.lexical_refresh,
                "root_all_functions": self.root_all_functions,
                "library_callbacks": self.library_callbacks,
                "budget_seconds": self.budget_seconds,
                "steps_per_instruction": self.steps_per_instruction,
                "deadline_seconds": self.deadline_seconds,
                "memory_fraction": self.memory_fraction,
            }
        )


@dataclass
class WalaProject:
    functions: list[FunctionInfo]
    edges: list[CallEdge]
    errors: list[ErrorRecord]
    timing: dict[str, float]
    settings: CallGraphSettings
    #: Files whose translation failed as a whole: nothing in them was analysed. Other
    #: errors mark one construct that was translated conservatively.
    lost_files: frozenset[str] = frozenset()
    #: The context sensitivity the call graph was built with: ``settings.context``, or
    #: "0-cfa" when the context-sensitive analysis ran past ``settings.budget_seconds``.
    context: str = ""
    #: The rungs of the analysis ladder given up on the way (none: the asked-for analysis).
    degradation: Degradation = Degradation("")
    #: The Java engine (``PythonProjectEngine``) for exploration and later analyses.
    java: Any = field(repr=False, default=None)

    @classmethod
    def build(
        cls,
        sources: ProjectSources,
        settings: CallGraphSettings = CallGraphSettings(),
        heap: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> WalaProject:
        root_is_package = sources.root.is_dir() and (sources.root / "__init__.py").is_file()
        root_package = sources.root.name if root_is_package else None
        jvm.start(jvm.resolve_options(heap=heap))
        engine_class = jvm.jclass(ENGINE_CLASS)
        # The engine reports running out of heap during the build itself; this catches it
        # where it strikes on the way in or out (allocating a module's string, the result).
        out_of_memory = jvm.jclass("java.lang.OutOfMemoryError")
        try:
            began = time.perf_counter()
            upload = jvm.jclass(UPLOAD_CLASS)()
            unserialisable = _upload_modules(upload, sources, progress)
            uploaded = time.perf_counter()
            with phase(progress, f"building the {settings.context} call graph (WALA)"):
                engine = engine_class.build(upload, root_package, settings.to_json())
                built = time.perf_counter()
                with collection_paused():
                    result = json.loads(str(engine.resultJson()))
            done = time.perf_counter()
        except out_of_memory:
            raise AnalysisError(str(engine_class.OUT_OF_MEMORY)) from None
        if "fatal" in result:
            raise AnalysisError(result["fatal"])
        timing = {
            # Serialising the modules and handing them over (Java parses them meanwhile).
            "serialize": uploaded - began,
            "engine_total": done - uploaded,
            # Extracting, rendering, crossing and decoding the result document (part of
            # engine_total; the engine reports the extraction alone as "result_extract").
            "result": done - built,
        }
        engine_timing = dict(result.get("timing", {}))
        context = str(engine_timing.pop("context", settings.context))
        degradation = Degradation.from_json(engine_timing.pop("degradation", {}), context)
        timing.update({k: float(v) for k, v in engine_timing.items()})
        errors = list(sources.errors) + unserialisable + [
            ErrorRecord(e["file"], e["line"] or None, e["message"]) for e in result["errors"]
        ]
        return cls(
            functions=[decode_function(f) for f in result["functions"]],
            edges=[decode_edge(e) for e in result["edges"]],
            errors=errors,
            timing=timing,
            settings=settings,
            lost_files=frozenset(e["file"] for e in result["errors"] if e.get("module_lost"))
            | {e.file for e in unserialisable},
            context=context,
            degradation=degradation,
            java=engine,
        )

    def function(self, qualified_name: str) -> FunctionInfo | None:
        return next((f for f in self.functions if f.qualified_name == qualified_name), None)

    def points_to(self, qualified_name: str, parameter: str) -> list[AbstractObject]:
        """What a parameter of a project function may point to (all contexts merged)."""
        raw = json.loads(str(self.java.pointsTo(qualified_name, parameter)))
        return [
            AbstractObject(o["kind"], o["type_name"], o.get("file"), o.get("line"), o.get("value"),
                           o.get("value_kind"), decode_span(o))
            for o in raw
        ]

    def parameter_values(self) -> dict[str, dict[str, list[PassedValue]]]:
        """What each call site passes to each parameter, per function with a call-graph node.

        Keys are the functions WALA analysed (an empty list: no call site passes anything to
        that parameter); a function missing here has no call-graph node. Defaults no call
        site supplies, and what the analysis root passes to functions nobody calls, are not
        passed values.
        """
        raw = json.loads(str(self.java.parameterValuesJson()))
        return {
            function: {
                parameter: [decode_passed_value(v) for v in values]
                for parameter, values in parameters.items()
            }
            for function, parameters in raw.items()
        }

    def input_signatures(self) -> dict[str, dict[str, ParameterSpec]]:
        """Per function with a call-graph node, per parameter: the TensorSpec its call sites'
        tensors fit (shapes and dtypes through the pointer analysis), or why none does."""
        raw = json.loads(str(self.java.inputSignaturesJson()))
        return {function: {name: decode_parameter_spec(p) for name, p in parameters.items()}
                for function, parameters in raw.items()}

    def side_effects(self) -> dict[str, list[SideEffect]]:
        """Python side effects of every function with a call-graph node (empty: none).

        A function has the locations its nodes and their callees write, minus the objects and
        closure frames it creates itself. TensorFlow state (``Variable.assign``, ``tf.print``)
        is not a Python side effect.
        """
        raw = json.loads(str(self.java.sideEffectsJson()))
        return {
            name: [SideEffect(e["file"], e["line"], e["what"], tuple(e["via"]), decode_span(e))
                   for e in effects]
            for name, effects in raw.items()
        }

    def stale_reads(self) -> dict[str, list[StaleRead]]:
        """Per function with a call-graph node, the Python state it (or a callee) reads that
        other code changes between its calls; empty: none."""
        raw = json.loads(str(self.java.staleReadsJson()))
        return {name: [StaleRead(r["file"], r["line"], r["what"], tuple(r["via"]),
                                 r["changed_at"], decode_span(r)) for r in reads]
                for name, reads in raw.items()}

    def tensor_computations(self) -> dict[str, list[TensorComputation]]:
        """Per function, the tensors its own code computes; a function missing here computes
        none (its callees may)."""
        raw = json.loads(str(self.java.tensorComputationsJson()))
        return {name: [TensorComputation(c["file"], c["line"], c["what"], decode_span(c))
                       for c in made]
                for name, made in raw.items()}

    def function_object_uses(self) -> dict[str, list[FunctionObjectUse]]:
        """Per hybrid function (the function its decorator wraps): the uses of its
        ``tf.function`` object that need the decorator; a function missing here has none."""
        raw = json.loads(str(self.java.functionObjectUsesJson()))
        return {name: [FunctionObjectUse(u["file"], u["line"], u["kind"], u["detail"], decode_span(u))
                       for u in uses]
                for name, uses in raw.items()}

    def tensor_iterations(self) -> dict[str, list[TensorIteration]]:
        """Per project function, where it iterates a tensor in Python (absent: nowhere)."""
        raw = json.loads(str(self.java.tensorIterationsJson()))
        return {name: [TensorIteration(i["place"]["file"], i["place"]["line"], i["construct"],
                                       tuple(decode_place(c) for c in i["collects"]),
                                       decode_span(i["place"]))
                       for i in found]
                for name, found in raw.items()}

    def ir(self, qualified_name: str) -> str:
        """The WALA IR of a project function or module, as text."""
        text = self.java.ir(qualified_name)
        if text is None:
            raise KeyError(f"no function {qualified_name!r} in the project")
        return str(text)


def _upload_modules(upload: Any, sources: ProjectSources,
                    progress: ProgressCallback | None = None) -> list[ErrorRecord]:
    """Serialises each module and hands it to ``upload`` (Java parses it on its own thread
    while the next one is serialised). Returns the modules nested too deeply to serialise."""
    unserialisable: list[ErrorRecord] = []
    try:
        with collection_paused():
            for done, module in enumerate(sources.modules, 1):
                if progress:
                    progress(done, len(sources.modules), f"sending {module.source.relpath}")
                try:
                    document = serialize_module(module)
                except RecursionError:
                    unserialisable.append(ErrorRecord(
                        module.source.relpath, None,
                        "nested too deeply to analyse; the rest of the project is analysed"))
                    continue
                upload.add(document)
    except BaseException:
        upload.cancel()  # stops the parser thread; nothing will be built
        raise
    return unserialisable
