"""Benchmark: the hybridization analyses beside the call graph they run on.

Times, in one process and alternating so both see the same warm JVM, (a) building the WALA
call graph and pointer analysis alone and (b) the whole attribute inference (the same
call-graph build, then value flows, side effects, recursion and speculation), on the bundled
example (``examples/``) or on projects given on the command line. Prints medians side by side,
and the ratio full / call graph as the median over rounds (each round times both back to back,
so a slow spell of a shared machine stretches both sides of its ratio alike), in wall-clock time
and in the process's CPU time (all threads, the JVM's included). This is a benchmark, not a
test: figures are reported, never asserted.

    python evaluation/bench_analysis.py [PATH ...] [--repeat 9]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hybridize.analysis.infer import run_analyses  # noqa: E402
from hybridize.bridge.wala import CallGraphSettings, WalaProject  # noqa: E402
from hybridize.parse.functions import module_functions  # noqa: E402
from hybridize.parse.project import load_project  # noqa: E402
from hybridize.report import Timing  # noqa: E402
from hybridize.settings import AnalysisSettings  # noqa: E402


def _call_graph(sources) -> tuple[float, float]:
    began, cpu = time.perf_counter(), time.process_time()
    WalaProject.build(sources, CallGraphSettings())
    return time.perf_counter() - began, time.process_time() - cpu


def _full(sources, functions) -> tuple[float, float, float]:
    timing = Timing()
    began, cpu = time.perf_counter(), time.process_time()
    run_analyses(sources, functions, AnalysisSettings(), timing)
    return time.perf_counter() - began, time.process_time() - cpu, timing.analysis_s


def bench(root: Path, repeat: int) -> dict[str, float]:
    sources = load_project(root)
    functions = [fn for module in sources.modules for fn in module_functions(module)]
    _full(sources, functions)  # warm-up: starts the JVM, loads and JIT-compiles WALA
    graph, graph_cpu, full, full_cpu, analysis = [], [], [], [], []
    for _ in range(repeat):
        wall, cpu = _call_graph(sources)
        graph.append(wall)
        graph_cpu.append(cpu)
        wall, cpu, own = _full(sources, functions)
        full.append(wall)
        full_cpu.append(cpu)
        analysis.append(own)
    lines = sum(m.text.count("\n") for m in sources.modules)
    return {"files": len(sources.modules), "lines": lines, "functions": len(functions),
            "call_graph_s": statistics.median(graph), "full_s": statistics.median(full),
            "analyses_only_s": statistics.median(analysis),
            "ratio": statistics.median(f / g for f, g in zip(full, graph, strict=True)),
            "call_graph_cpu_s": statistics.median(graph_cpu),
            "full_cpu_s": statistics.median(full_cpu),
            "cpu_ratio": statistics.median(f / g for f, g in zip(full_cpu, graph_cpu, strict=True))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[REPO / "examples"])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    print("| project | files | lines | functions | call graph (s) | full analysis (s) "
          "| analyses alone (s) | full / call graph | CPU: call graph (s) | CPU: full (s) "
          "| CPU: full / call graph |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path in args.paths:
        row = bench(path, args.repeat)
        print(f"| {path.name} | {row['files']} | {row['lines']} | {row['functions']} "
              f"| {row['call_graph_s']:.3f} | {row['full_s']:.3f} "
              f"| {row['analyses_only_s']:.3f} | {row['ratio']:.2f}x "
              f"| {row['call_graph_cpu_s']:.3f} | {row['full_cpu_s']:.3f} "
              f"| {row['cpu_ratio']:.2f}x |")


if __name__ == "__main__":
    main()
