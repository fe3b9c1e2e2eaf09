"""The attribute inference plugged into the pipeline (``hybridize.analyze.AttributeInference``).

    front end (WALA call graph, points-to)  ->  ProgramFacts
    WALA pointer analysis (typed API model) ->  values call sites pass: tensor and primitive
                                                parameters
    syntax index + call sites               ->  parameter flows (wording of evidence only)
    WALA mod-ref                            ->  side effects (callees included)
                                            ->  recursion (call-graph cycles)
                                            ->  speculative assumptions
                                            ->  FunctionAttributes per function

A function the front end did not analyse (its file failed, or WALA never reached it) gets
undetermined attributes, never a guess.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

from hybridize.analysis.approximations import approximated_functions
from hybridize.analysis.blockers import framework_blockers
from hybridize.analysis.booleans import boolean_notes
from hybridize.analysis.calls import CallResolver, unreached_scope_edges
from hybridize.analysis.facts import CallEdge, ProgramFacts, SideEffect, StaticFacts, WalaFacts
from hybridize.analysis.flows import ArgumentFlow, ParameterFlows
from hybridize.analysis.models import ApiModel, tensorflow_model
from hybridize.analysis.passed_values import MAX_EVIDENCE, parameter_findings, unique_evidence
from hybridize.analysis.program import ProgramIndex, Scope
from hybridize.analysis.recursion import recursive_functions
from hybridize.analysis.quote import SourceQuoter
from hybridize.analysis.speculative import speculate
from hybridize.analysis.values import primitive_origins, tensor_origins
from hybridize.functions import FunctionDef
from hybridize.gc_pause import collection_paused
from hybridize.preconditions import Finding, FunctionAttributes
from hybridize.progress import ProgressCallback, phase
from hybridize.project import ProjectSources
from hybridize.report import ErrorRecord, Evidence, Timing
from hybridize.rules import RuleContext, hazards
from hybridize.settings import AnalysisSettings


@dataclass
class Analyses:
    """Every intermediate result, for ``explain`` and the tests."""

    program: ProgramIndex
    resolver: CallResolver
    flows: ParameterFlows
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
    from hybridize import jvm
    from hybridize.frontend.wala import AnalysisError, CallGraphSettings, WalaProject

    began = time.perf_counter()
    already_running = jvm.running() is not None
    # "default" leaves the choice of context sensitivity to the front end.
    graph_settings = CallGraphSettings(budget_seconds=settings.call_graph_budget_s)
    if settings.context != "default":
        graph_settings = dataclasses.replace(graph_settings, context=settings.context)
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
    if project.context != graph_settings.context:
        sources.notes.append(
            f"the {graph_settings.context} pointer analysis ran past its "
            f"{graph_settings.budget_seconds:g} s budget; the call graph was built with "
            f"{project.context} instead (less precise)")
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
    model = model or tensorflow_model()
    program = ProgramIndex(sources, functions)
    edges = list(facts.call_edges())
    edges += unreached_scope_edges(program, edges)
    resolver = CallResolver(program, edges)
    flows = ParameterFlows(program, model, resolver)
    quoter = SourceQuoter(sources)
    call_sites = {(e.caller, e.callee): e for e in sorted(edges, key=lambda e: (e.file, e.line))
                  if e.line}
    recursion = recursive_functions((fn.qualified_name for fn in functions), edges)
    analysed = facts.analysed_functions()
    failed = facts.failed_files()
    # Call sites in project code only: a synthetic root of the front end is not a caller.
    called = {e.callee for e in edges if e.caller != e.callee and e.caller in program.scopes}
    undetermined = {fn.qualified_name for fn in functions
                    if fn.qualified_name not in program.scopes or fn.file in failed
                    or fn.qualified_name not in analysed}
    undetermined |= approximated_functions(sources, functions, facts.approximations())
    modref = facts.side_effects()
    passed = facts.parameter_values()
    reaches_undetermined = _callers_of(undetermined, edges)
    rule_context = RuleContext(model, frozenset(fn.qualified_name for fn in functions), edges,
                               facts.function_object_uses(),
                               {fn.qualified_name: fn for fn in functions})
    attributes: dict[str, FunctionAttributes] = {}
    for fn in functions:
        scope = program.scopes.get(fn.qualified_name)
        if scope is None or fn.qualified_name in undetermined:
            attributes[fn.qualified_name] = FunctionAttributes()
            continue
        speculation = speculate(program, model, scope, settings,
                                has_call_sites=fn.qualified_name in called)
        wala_values = None if passed is None else passed.get(fn.qualified_name)
        if wala_values is None or modref is None or fn.qualified_name not in modref:
            # No call-graph node: WALA cannot reach the function, so nothing is guessed.
            attributes[fn.qualified_name] = FunctionAttributes()
            continue
        tensor, primitive = parameter_findings(scope, wala_values, flows, resolver)
        if speculation.tensor and not tensor.value:
            tensor = Finding(True, tensor.evidence, tuple(speculation.tensor))
        if speculation.primitive and not primitive.value:
            primitive = Finding(True, primitive.evidence, tuple(speculation.primitive))
        side = _side_effect_evidence(fn.qualified_name, modref[fn.qualified_name], quoter,
                                     call_sites)
        cycle = recursion.get(fn.qualified_name)
        # What an undetermined callee does is unknown: only a found effect or cycle is certain.
        blind = fn.qualified_name in reaches_undetermined
        attributes[fn.qualified_name] = FunctionAttributes(
            tensor_parameter=tensor,
            primitive_parameter=primitive,
            python_side_effects=Finding(True if side else (None if blind else False), side),
            recursive=Finding(True if cycle else (None if blind else False), cycle or ()),
            # The framework rules forbid adding @tf.function; removing it is always allowed.
            blockers=(() if fn.hybrid else framework_blockers(program, model, scope,
                                                              flows.evaluator, settings.keras))
            + hazards(rule_context, fn),
            info=boolean_notes(scope, wala_values),
        )
    return Analyses(program, resolver, flows, recursion, attributes)


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
    statement = quoter.line(effect.file, effect.line)
    if effect.what.startswith("Python I/O"):
        what = f"`{statement}`: {effect.what}" if statement else effect.what
    else:
        what = f"`{statement}` writes {effect.what}" if statement else f"writes {effect.what}"
    steps = []
    for caller, callee in zip((function, *effect.via), effect.via):
        site = call_sites.get((caller, callee))
        where = f" ({site.file}:{site.line})" if site else ""
        steps.append(f"`{callee.rpartition('.')[2]}`{where}")
    if steps:
        what += f", reached via {' -> '.join(steps)}"
    return Evidence(effect.file, effect.line, what)
