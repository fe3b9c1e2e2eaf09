"""The Python API over our WALA front end: build a project's call graph and pointer analysis.

Everything WALA does happens in Java behind ``org.hybridize.engine.PythonProjectEngine``; the
project crosses the bridge one JSON document per module and results come back as one JSON
document (plus on-demand queries for points-to sets, passed values, side effects and IR).

Function identity: a function's qualified name is its module's dotted name followed by its
lexical path (``pkg.mod.C.f``, ``pkg.mod.outer.inner``, ``pkg.mod.f.<lambda@12:8>``; a second
definition of a name in the same scope gets ``@<line>``). A module's top-level code is the
module's own name. The WALA type behind ``pkg.mod.C.f`` is ``Lscript pkg/mod.py/C/f``.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from hybridize.bridge import jvm
from hybridize.bridge.gc_pause import collection_paused
from hybridize.bridge.serialize import serialize_module
from hybridize.bridge.value_kinds import ValueKind
from hybridize.parse.project import ProjectSources
from hybridize.progress import ProgressCallback, phase
from hybridize.report import ErrorRecord

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
    #: A library call calls the project functions passed to it (``Dataset.map(fn)``,
    #: ``sorted(key=fn)``) with unknown arguments. Off by default: the callee then has a caller
    #: whose arguments are unknown, which the attribute analyses do not expect yet.
    library_callbacks: bool = False
    #: Seconds a context-sensitive pointer analysis may take before it is abandoned for a
    #: context-insensitive one (on some real code 1-CFA grows without bound; 0 = no limit).
    #: ``WalaProject.context`` says which context the call graph was built with.
    budget_seconds: float = 120.0

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
            }
        )


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
    caller: str
    callee: str
    file: str
    line: int
    #: For a call of a library method on a value the API model types: that value's kind
    #: ("tensor", "dataset", ...), as WALA's pointer analysis found it.
    receiver: ValueKind | None = None
    #: For a library call: what each positional argument may be, as the pointer analysis types
    #: it ("tensor", "int", "str", "none", "falsy" for a number literal Python treats as false:
    #: 0, 0.0, False; "tensor_container", "library:<path>" for an untyped library object,
    #: "other"), merged over every call of the same API on the line. Empty: nothing known.
    arguments: tuple[frozenset[str], ...] = ()
    #: The same for keyword arguments, by name.
    keywords: tuple[tuple[str, frozenset[str]], ...] = ()

    def argument(self, index: int) -> frozenset[str]:
        return self.arguments[index] if index < len(self.arguments) else frozenset()

    def keyword(self, name: str) -> frozenset[str]:
        return next((kinds for key, kinds in self.keywords if key == name), frozenset())

    def passed(self) -> frozenset[str]:
        """Every kind any argument may be."""
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


@dataclass(frozen=True)
class CallSite:
    caller: str | None
    file: str | None
    line: int | None


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
    #: A Keras symbolic tensor (``keras.Input(...)`` or computed from one), which
    #: ``tf.function`` refuses.
    symbolic: bool = False


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


@dataclass(frozen=True)
class TensorIteration:
    """Python iterating a value the pointer analysis types as a tensor."""

    file: str
    line: int
    #: "for" (a for statement, which AutoGraph converts), "comprehension" (a list, set or
    #: dict comprehension or a generator expression) or "unpacking" (``a, b = t``).
    construct: str
    #: For a for: where its loop adds to a Python list, dict or set, as (file, line).
    collects: tuple[tuple[str, int], ...] = ()


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
        timing.update({k: float(v) for k, v in engine_timing.items()})
        errors = list(sources.errors) + unserialisable + [
            ErrorRecord(e["file"], e["line"] or None, e["message"]) for e in result["errors"]
        ]
        return cls(
            functions=[_function(f) for f in result["functions"]],
            edges=[_edge(e) for e in result["edges"]],
            errors=errors,
            timing=timing,
            settings=settings,
            lost_files=frozenset(e["file"] for e in result["errors"] if e.get("module_lost"))
            | {e.file for e in unserialisable},
            context=context,
            java=engine,
        )

    def function(self, qualified_name: str) -> FunctionInfo | None:
        return next((f for f in self.functions if f.qualified_name == qualified_name), None)

    def points_to(self, qualified_name: str, parameter: str) -> list[AbstractObject]:
        """What a parameter of a project function may point to (all contexts merged)."""
        raw = json.loads(str(self.java.pointsTo(qualified_name, parameter)))
        return [
            AbstractObject(o["kind"], o["type_name"], o.get("file"), o.get("line"), o.get("value"),
                           o.get("value_kind"))
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
                parameter: [_passed_value(v) for v in values]
                for parameter, values in parameters.items()
            }
            for function, parameters in raw.items()
        }

    def input_signatures(self) -> dict[str, dict[str, ParameterSpec]]:
        """Per function with a call-graph node, per parameter: the TensorSpec its call sites'
        tensors fit (shapes and dtypes through the pointer analysis), or why none does."""
        raw = json.loads(str(self.java.inputSignaturesJson()))
        return {function: {name: _parameter_spec(p) for name, p in parameters.items()}
                for function, parameters in raw.items()}

    def side_effects(self) -> dict[str, list[SideEffect]]:
        """Python side effects of every function with a call-graph node (empty: none).

        A function has the locations its nodes and their callees write, minus the objects and
        closure frames it creates itself. TensorFlow state (``Variable.assign``, ``tf.print``)
        is not a Python side effect.
        """
        raw = json.loads(str(self.java.sideEffectsJson()))
        return {
            name: [SideEffect(e["file"], e["line"], e["what"], tuple(e["via"])) for e in effects]
            for name, effects in raw.items()
        }

    def function_object_uses(self) -> dict[str, list[FunctionObjectUse]]:
        """Per hybrid function (the function its decorator wraps): the uses of its
        ``tf.function`` object that need the decorator; a function missing here has none."""
        raw = json.loads(str(self.java.functionObjectUsesJson()))
        return {name: [FunctionObjectUse(u["file"], u["line"], u["kind"], u["detail"]) for u in uses]
                for name, uses in raw.items()}

    def tensor_iterations(self) -> dict[str, list[TensorIteration]]:
        """Per project function, where it iterates a tensor in Python (absent: nowhere)."""
        raw = json.loads(str(self.java.tensorIterationsJson()))
        return {name: [TensorIteration(i["file"], i["line"], i["construct"],
                                       tuple(_file_line(c) for c in i["collects"]))
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


def _file_line(place: str) -> tuple[str, int]:
    file, _, line = place.rpartition(":")
    return file, int(line)


def _passed_value(raw: dict[str, Any]) -> PassedValue:
    call = raw["call"]
    return PassedValue(ValueKind(raw["kind"]), raw["what"], raw.get("file"), raw.get("line"),
                       CallSite(call.get("caller"), call.get("file"), call.get("line")),
                       raw.get("symbolic", False))


def _shape(raw: list[int | None] | None) -> tuple[int | None, ...] | None:
    return None if raw is None else tuple(raw)


def _parameter_spec(raw: dict[str, Any]) -> ParameterSpec:
    sources = tuple(ShapeSource(s["api"], s.get("file"), s.get("line"), _shape(s.get("shape")),
                                s.get("dtype")) for s in raw.get("sources", ()))
    reads = tuple(AxisRead(r.get("axis"), r["file"], r["line"], r["what"])
                  for r in raw.get("axis_reads", ()))
    return ParameterSpec(_shape(raw.get("shape")), raw.get("dtype"), raw.get("reason"), sources,
                         reads)


def _edge(e: dict[str, Any]) -> CallEdge:
    return CallEdge(
        e["caller"], e["callee"], e["file"], e["line"],
        ValueKind(e["receiver"]) if "receiver" in e else None,
        tuple(frozenset(kinds) for kinds in e.get("arguments", ())),
        tuple((name, frozenset(kinds)) for name, kinds in e.get("keywords", {}).items()),
    )


def _function(raw: dict[str, Any]) -> FunctionInfo:
    params = tuple(ParamInfo(p["name"], p["line"], p["col"]) for p in raw["params"])
    return FunctionInfo(raw["qualified_name"], raw["file"], raw["line"], params, raw["kind"],
                        raw.get("framework"))
