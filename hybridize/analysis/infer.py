"""The attribute inference plugged into the pipeline (``hybridize.analyze.AttributeInference``).

    front end (WALA call graph, points-to)  ->  ProgramFacts
    WALA pointer analysis (typed API model) ->  values call sites pass: tensor and primitive
                                                parameters
    WALA mod-ref                            ->  side effects (callees included)
    WALA call graph                         ->  recursion (cycles), hazard rules
    class hierarchy, type hints as written  ->  speculative assumptions
                                            ->  FunctionAttributes per function

Evidence quotes the source at the positions the facts carry; no second, syntactic analysis
decides or explains anything.

A function the front end did not analyse (its file failed, or WALA never reached it) gets
undetermined attributes, never a guess; so do the attributes a fact the front end failed to
compute would have decided (``hybridize.analysis.absent_facts``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from hybridize.analysis.absent_facts import without_absent
from hybridize.analysis.approximations import approximated_functions
from hybridize.analysis.booleans import boolean_notes
from hybridize.analysis.degradation import degradation_notes
from hybridize.analysis.facts import (
    CallEdge,
    ParameterSpecs,
    ParameterValues,
    ProgramFacts,
    SideEffect,
    StaticFacts,
    WalaFacts,
)
from hybridize.analysis.hints import ModuleImports
from hybridize.analysis.models import ApiModel, tensorflow_model
from hybridize.analysis.passed_values import MAX_EVIDENCE, parameter_findings
from hybridize.analysis.quote import SourceQuoter
from hybridize.analysis.recursion import recursive_functions
from hybridize.analysis.signatures import infer_signature, supplied_signature
from hybridize.analysis.speculative import speculate
from hybridize.bridge.gc_pause import collection_paused
from hybridize.parse.functions import FunctionDef
from hybridize.parse.project import ProjectSources
from hybridize.progress import ProgressCallback, phase
from hybridize.report import ErrorRecord, Evidence, FailureKind, Timing
from hybridize.settings import AnalysisSettings
from hybridize.verdicts.blockers import framework_blockers
from hybridize.verdicts.preconditions import Finding, FunctionAttributes
from hybridize.verdicts.rules import RuleContext, hazards, signature_hazards
from hybridize.verdicts.rules.context import Reached
from hybridize.verdicts.rules.no_tensor_computation import tensor_computation


@dataclass
class Analyses:
    """Every intermediate result, for ``explain`` and the tests."""

    recursion: dict[str, tuple[Evidence, ...]]
    attributes: dict[str, FunctionAttributes]


def infer_attributes(sources: ProjectSources, functions: list[FunctionDef],
                     settings: AnalysisSettings, timing: Timing,
                     progress: ProgressCallback | None = None) -> dict[str, FunctionAttributes]:
    """AttributeInference over our WALA front end."""
    if not functions:
        return {}  # nothing to decide: no need for a call graph
    return run_analyses(sources, functions, settings, timing, progress=progress).attributes


def build_facts(sources: ProjectSources, settings: AnalysisSettings, timing: Timing,
                progress: ProgressCallback | None = None) -> ProgramFacts:
    from hybridize.bridge import jvm
    from hybridize.bridge.wala import AnalysisError, WalaProject

    began = time.perf_counter()
    already_running = jvm.running() is not None
    graph_settings = settings.call_graph()
    try:
        project = WalaProject.build(sources, graph_settings, heap=settings.jvm_heap,
                                    progress=progress)
    except (jvm.JvmError, AnalysisError):
        raise  # the tool cannot run at all (no jars, heap exhausted): the CLI reports it
    except Exception as exc:  # noqa: BLE001 - a front-end failure leaves everything undetermined
        sources.errors.append(ErrorRecord("", None, f"whole-program analysis failed: {exc}"))
        return StaticFacts(frozenset(), failures=frozenset(m.source.relpath
                                                            for m in sources.modules))
    elapsed = time.perf_counter() - began
    info = jvm.running()
    if info is not None and not already_running:
        timing.jvm_start_s += info.start_seconds
        elapsed -= info.start_seconds
    timing.call_graph_s += elapsed
    sources.notes.extend(degradation_notes(project.degradation, graph_settings))
    # Files the front end could not analyse: the report says why attributes are unknown.
    known = set(sources.errors)
    sources.errors.extend(e for e in project.errors if e not in known)
    return WalaFacts(project)


def run_analyses(sources: ProjectSources, functions: list[FunctionDef],
                 settings: AnalysisSettings, timing: Timing,
                 facts: ProgramFacts | None = None,
                 progress: ProgressCallback | None = None) -> Analyses:
    facts = facts if facts is not None else build_facts(sources, settings, timing, progress)
    began = time.perf_counter()
    with collection_paused(), phase(progress, f"analysing {len(functions)} functions"):
        analyses = analyse_facts(sources, functions, settings, facts)
    timing.analysis_s += time.perf_counter() - began
    return analyses


def analyse_facts(sources: ProjectSources, functions: list[FunctionDef],
                  settings: AnalysisSettings, facts: ProgramFacts,
                  model: ApiModel | None = None) -> Analyses:
    """The attributes of every function, from WALA's facts (and type hints as written)."""
    context = _Context.of(sources, functions, settings, facts, model or tensorflow_model())
    # The facts it asked for and the engine failed to compute: the report says which and why.
    known = set(sources.errors)
    sources.errors.extend(record for record in (f.error_record() for f in facts.failed_facts())
                          if record not in known)
    attributes = {fn.qualified_name: context.attributes(fn) for fn in functions}
    return Analyses(context.recursion, attributes)


@dataclass
class _Context:
    """WALA's facts about the whole program, indexed once for the per-function decisions."""

    settings: AnalysisSettings
    model: ApiModel
    quoter: SourceQuoter
    imports: dict[str, ModuleImports]
    families: dict[str, str]
    rules: RuleContext
    recursion: dict[str, tuple[Evidence, ...]]
    called: set[str]
    undetermined: set[str]
    reaches_undetermined: set[str]
    passed: ParameterValues | None
    modref: dict[str, list[SideEffect]] | None
    call_sites: dict[tuple[str, str], CallEdge]
    specs: ParameterSpecs
    #: Functions with a call-graph node (the keys of the node-keyed facts computed).
    nodes: frozenset[str]
    #: The facts the front end failed to compute (``hybridize.analysis.absent_facts``).
    absent: frozenset[str]

    @classmethod
    def of(cls, sources: ProjectSources, functions: list[FunctionDef],
           settings: AnalysisSettings, facts: ProgramFacts, model: ApiModel) -> _Context:
        edges = list(facts.call_edges())
        names = frozenset(fn.qualified_name for fn in functions)
        # Call sites in project code only: the front end's synthetic root is not a caller.
        callers = names | {m.source.module for m in sources.modules}
        undetermined = {fn.qualified_name for fn in functions
                        if fn.file in facts.failed_files()
                        or fn.qualified_name not in facts.analysed_functions()}
        undetermined |= approximated_functions(sources, functions, facts.approximations())
        families, passed, modref = (facts.framework_families(), facts.parameter_values(),
                                    facts.side_effects())
        specs, uses, stale = (facts.input_signatures(), facts.function_object_uses(),
                              facts.stale_reads())
        tensors, iterations = facts.tensor_computations(), facts.tensor_iterations()
        answers = {"parameter_values": passed, "side_effects": modref, "input_signatures": specs,
                   "function_object_uses": uses, "stale_reads": stale,
                   "tensor_computations": tensors, "tensor_iterations": iterations}
        keyed = [frozenset(k) for k in (passed, modref) if k is not None]
        call_sites: dict[tuple[str, str], CallEdge] = {}
        for edge in sorted(edges, key=lambda e: (e.file, e.line)):
            if edge.line:  # the first call site of each caller -> callee pair
                call_sites.setdefault((edge.caller, edge.callee), edge)
        quoter = SourceQuoter(sources)
        return cls(
            settings, model, quoter,
            {m.source.relpath: ModuleImports(m) for m in sources.modules},
            families,
            RuleContext(model, names, edges, uses or {},
                        {fn.qualified_name: fn for fn in functions},
                        passed or {}, families,
                        stale_reads=stale or {},
                        tensor_computations=tensors or {},
                        iterations=iterations or {}, signatures=specs or {},
                        quoter=quoter),
            recursive_functions(names, edges, quoter),
            {e.callee for e in edges if e.caller != e.callee and e.caller in callers},
            undetermined, _callers_of(undetermined, edges),
            passed, modref, call_sites, specs or {},
            frozenset.intersection(*keyed) if keyed else frozenset(),
            frozenset(fact for fact, answer in answers.items() if answer is None))

    def attributes(self, fn: FunctionDef) -> FunctionAttributes:
        if fn.qualified_name in self.undetermined or fn.qualified_name not in self.nodes:
            # No call-graph node: WALA cannot reach the function, so nothing is guessed.
            return FunctionAttributes()
        return without_absent(self._analysed(fn), fn, self.absent)

    def _analysed(self, fn: FunctionDef) -> FunctionAttributes:
        """The attributes of a function with a call-graph node; an absent fact reads as empty
        here (``without_absent`` then makes what it decides unknown)."""
        name = fn.qualified_name
        values = (self.passed or {}).get(name, {})
        effects = (self.modref or {}).get(name, [])
        family = self.families.get(name)
        speculation = speculate(self.model, fn, family, self.imports[fn.file], self.settings,
                                has_call_sites=name in self.called, values=values)
        tensor, primitive = parameter_findings(values, self.quoter)
        observed_tensors = tensor.value
        if speculation.tensor and not tensor.value:
            tensor = Finding(True, tensor.evidence, tuple(speculation.tensor))
        if speculation.primitive and not primitive.value:
            primitive = Finding(True, primitive.evidence, tuple(speculation.primitive))
        side = _side_effect_evidence(name, effects, self.quoter, self.call_sites)
        cycle = self.recursion.get(name)
        # What an undetermined callee does is unknown: only a found effect or cycle is certain.
        blind = name in self.reaches_undetermined
        # The framework rules forbid adding @tf.function; removing it is always allowed.
        framework = () if fn.hybrid else framework_blockers(
            self.model, fn, self.families, self.rules, self.quoter, self.settings.keras)
        computation = tensor_computation(self.rules, fn)
        hazard_failures = hazards(self.rules, fn)
        # The pointer analysis computes with what call sites pass: parameters no project call
        # binds, or a tensor only assumed, never reached it, so operators on them made no
        # tensor it could see.
        unseen_inputs = (bool(speculation.tensor) and not observed_tensors) or (
            name not in self.called and _has_parameters(fn))
        if (blind or unseen_inputs) and not computation.value:
            # An undetermined callee or an assumed tensor may compute tensors: absence is not
            # known.
            computation = Finding.unknown()
            hazard_failures = tuple(f for f in hazard_failures
                                    if f.kind is not FailureKind.NO_TENSOR_COMPUTATION)
        return FunctionAttributes(
            tensor_parameter=tensor,
            primitive_parameter=primitive,
            python_side_effects=Finding(True if side else (None if blind else False), side),
            recursive=Finding(True if cycle else (None if blind else False), cycle or ()),
            tensor_computation=computation,
            blockers=framework + hazard_failures,
            signature_hazards=signature_hazards(self.rules, fn),
            info=boolean_notes(values),
            **self._signatures(fn),
        )

    def _signatures(self, fn: FunctionDef) -> dict[str, Any]:
        """The inferred input signature and, for a hybrid function, the one it supplies."""
        supplied = fn.hybrid.arguments.get("input_signature") if fn.hybrid else None
        return {"signature": infer_signature(fn, self.specs.get(fn.qualified_name)),
                "supplies_signature": supplied is not None,
                "supplied_signature": supplied_signature(supplied) if supplied else None}


def _has_parameters(fn: FunctionDef) -> bool:
    args = fn.node.args
    return any(a.arg != fn.receiver for a in [*args.posonlyargs, *args.args, *args.kwonlyargs])


def _callers_of(targets: set[str], edges: list) -> set[str]:
    """Every function from which some function in ``targets`` is reachable."""
    callers: dict[str, set[str]] = {}
    for edge in edges:
        callers.setdefault(edge.callee, set()).add(edge.caller)
    found: set[str] = set()
    work = list(targets)
    while work:
        for caller in callers.get(work.pop(), ()):
            if caller not in found:
                found.add(caller)
                work.append(caller)
    return found


def _side_effect_evidence(function: str, modref: list[SideEffect], quoter: SourceQuoter,
                          call_sites: dict[tuple[str, str], CallEdge]) -> tuple[Evidence, ...]:
    """WALA mod-ref's effects: the statement, what it writes, and the calls reaching it."""
    unique = dict.fromkeys(_effect_evidence(function, e, quoter, call_sites) for e in modref)
    return tuple(unique)[:MAX_EVIDENCE]


def _effect_evidence(function: str, effect: SideEffect, quoter: SourceQuoter,
                     call_sites: dict[tuple[str, str], CallEdge]) -> Evidence:
    statement = quoter.quote(effect.file, effect.line, effect.span)
    if effect.what.startswith("Python I/O"):
        what = f"`{statement}`: {effect.what}" if statement else effect.what
    else:
        what = f"`{statement}` writes {effect.what}" if statement else f"writes {effect.what}"
    # The call edges from the function to the one writing, worded as the hazard rules word them.
    steps = zip((function, *effect.via), effect.via, strict=False)
    # A step without a located call site is named without a place.
    via = tuple(call_sites.get(step) or CallEdge(step[0], step[1], "", 0) for step in steps)
    return Reached(effect.via[-1] if effect.via else function, via).evidence(
        effect.file, effect.line, what, effect.span)
