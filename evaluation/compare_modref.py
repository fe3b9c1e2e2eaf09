"""Compares the two side-effect analyses function by function and prints the disagreements.

(a) ``hybridize.analysis.side_effects`` (syntactic, transitive over call edges), run through the
pipeline ``hybridize.analysis.infer.run_analyses``; (b) WALA mod-ref,
``WalaProject.side_effects()``, on the same call-graph build. Prints one Markdown table row per
function the two classify differently, with each side's evidence.

    python evaluation/compare_modref.py [PATH ...]   (default: tests/analysis/fixtures/*,
                                                      examples/mnist_like)
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hybridize.analysis.facts import WalaFacts
from hybridize.analysis.infer import run_analyses
from hybridize.frontend.wala import WalaProject
from hybridize.functions import module_functions
from hybridize.project import load_project
from hybridize.report import Timing
from hybridize.settings import AnalysisSettings


def compare(root: Path) -> tuple[int, list[str]]:
    """(functions compared, table rows where the analyses disagree)."""
    sources = load_project(root)
    functions = [fn for module in sources.modules for fn in module_functions(module)]
    settings, timing = AnalysisSettings(), Timing()
    project = WalaProject.build(sources)
    analyses = run_analyses(sources, functions, settings, timing, facts=WalaFacts(project))
    modref = project.side_effects()
    rows = []
    for fn in functions:
        name = fn.qualified_name
        syntactic = analyses.attributes[name].python_side_effects
        wala = modref.get(name)
        if wala is None:
            rows.append(f"| {root.name} | `{name}` | {_yes(syntactic.value)} | no CG node | |")
            continue
        if bool(syntactic.value) != bool(wala):
            said = "; ".join(f"{e.file}:{e.line} {e.what}" for e in syntactic.evidence) or \
                "; ".join(f"{e.line} {e.what}" + (f" via {' > '.join(e.via)}" if e.via else "")
                          for e in wala)
            rows.append(f"| {root.name} | `{name}` | {_yes(syntactic.value)} | {_yes(bool(wala))} "
                        f"| {said} |")
    return len(functions), rows


def _yes(value: object) -> str:
    return "effect" if value else "none"


def main() -> None:
    roots = [Path(p) for p in sys.argv[1:]] or [
        *sorted(p for p in (REPO / "tests/analysis/fixtures").iterdir() if p.is_dir()),
        REPO / "examples/mnist_like"]
    total, table = 0, []
    for root in roots:
        count, rows = compare(root)
        total += count
        table += rows
    print(f"{total} functions in {len(roots)} projects; {len(table)} disagreements\n")
    print("| project | function | syntactic | mod-ref | evidence of the side that sees an effect |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(table))


if __name__ == "__main__":
    main()
