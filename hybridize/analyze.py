"""The analysis pipeline: project sources in, a Report out. No I/O beyond reading sources.

    parse (Python ast) -> functions and tf.function decorators (syntax)
      -> attributes per function (WALA call graph, pointer and side-effect analyses)
      -> precondition tables -> Report
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Protocol

from hybridize import __version__
from hybridize.parse.functions import FunctionDef, module_functions
from hybridize.parse.project import ProjectSources, load_project
from hybridize.progress import ProgressCallback
from hybridize.report import FunctionReport, Report, Timing
from hybridize.settings import AnalysisSettings
from hybridize.verdicts.ignores import check_names, waive
from hybridize.verdicts.preconditions import FunctionAttributes, decide

__all__ = ["AttributeInference", "ProgressCallback", "analyze_path", "analyze_sources"]


class AttributeInference(Protocol):
    """Computes the attributes of every function (``hybridize.analysis.infer``), reporting
    its phases to ``progress``."""

    def __call__(self, sources: ProjectSources, functions: list[FunctionDef],
                 settings: AnalysisSettings, timing: Timing,
                 progress: ProgressCallback | None = None) -> dict[str, FunctionAttributes]: ...


def _tool_info() -> dict[str, str]:
    return {"name": "hybridize", "version": __version__, "wala": "1.6.12"}


def function_report(fn: FunctionDef, attrs: FunctionAttributes,
                    ignore: frozenset[str] = frozenset()) -> FunctionReport:
    decision, waived = waive(decide(fn.hybrid is not None, attrs), ignore,
                             fn.hybrid is not None, attrs.tensor_parameter.value)
    findings = {"tensor_parameter": attrs.tensor_parameter,
                "primitive_parameter": attrs.primitive_parameter,
                "python_side_effects": attrs.python_side_effects, "recursive": attrs.recursive}
    assumptions = [a for finding in findings.values() for a in finding.assumptions] + waived
    evidence = {name: list(finding.evidence) for name, finding in findings.items()}
    signature = attrs.signature
    if signature is not None and attrs.signature_hazards:
        signature = signature.withheld(attrs.signature_hazards)
    if signature is not None and (signature.sources or attrs.signature_hazards):
        evidence["input_signature"] = [*signature.evidence(),
                                       *(e for f in attrs.signature_hazards for e in f.evidence)]
    return FunctionReport(
        name=fn.name,
        qualified_name=fn.qualified_name,
        file=fn.file,
        line=fn.line,
        hybrid=fn.hybrid is not None,
        decorator_args=dict(fn.hybrid.arguments) if fn.hybrid else {},
        tensor_parameter=attrs.tensor_parameter.value,
        primitive_parameter=attrs.primitive_parameter.value,
        python_side_effects=attrs.python_side_effects.value,
        recursive=attrs.recursive.value,
        refactoring=decision.refactoring,
        passing_precondition=decision.passing_precondition,
        transformations=list(decision.transformations),
        failures=list(decision.failures),
        assumptions=assumptions,
        evidence=evidence,
        info=list(attrs.info),
        input_signature=signature.to_json() if signature else None,
        input_signature_reason=signature.reason if signature else None,
    )


def analyze_sources(
    sources: ProjectSources,
    project: str,
    settings: AnalysisSettings,
    infer: AttributeInference | None = None,
    progress: ProgressCallback | None = None,
    timing: Timing | None = None,
) -> Report:
    timing = timing or Timing()
    settings = settings.resolved().targeting(
        sources.root, ((m.source.relpath, m.tree) for m in sources.modules))
    functions = [fn for module in sources.modules for fn in module_functions(module)]
    attributes = infer(sources, functions, settings, timing, progress=progress) if infer else {}
    reports = []
    for done, fn in enumerate(functions, 1):
        reports.append(function_report(fn, attributes.get(fn.qualified_name, FunctionAttributes()),
                                       frozenset(settings.ignore)))
        if progress:
            progress(done, len(functions), f"deciding {fn.qualified_name}")
    return Report(_tool_info(), project, settings.to_json(), reports, list(sources.errors), timing,
                  list(sources.notes))


def analyze_path(
    root: Path,
    settings: AnalysisSettings = AnalysisSettings(),
    infer: AttributeInference | None = None,
    progress: ProgressCallback | None = None,
) -> Report:
    """Analyses a project directory (or one file). Raises ProjectError for an unusable path."""
    began = time.perf_counter()
    timing = Timing()
    check_names(settings.ignore)
    sources = load_project(root, progress, settings.exclude,
                           Path(settings.config) if settings.config else None)
    timing.parse_s = time.perf_counter() - began
    report = analyze_sources(sources, str(root), settings, infer, progress, timing)
    timing.total_s = time.perf_counter() - began
    return report
