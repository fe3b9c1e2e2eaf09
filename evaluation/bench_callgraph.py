"""Benchmark: call-graph construction cost by phase and by project size.

Generates synthetic projects of about 10, 50 and 100 KLOC (evaluation/generate_project.py),
optionally adds real projects given on the command line, and builds each one's WALA call
graph in a fresh spawned process (one JVM per project, so no run warms the next). Prints a
Markdown table of the phases (parse, bridge, IR, pointer analysis) as seconds and as shares
of the total, and the growth in cost per KLOC relative to the smallest project.

    python evaluation/bench_callgraph.py [--sizes 10 50 100] [--real PATH ...] [--heap 4g]

This is a benchmark, not a test: figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# The checkout's own package first (an installed hybridize may be another checkout); spawned
# children inherit sys.path.
sys.path[:0] = [str(_HERE.parent), str(_HERE)]
from generate_project import generate  # noqa: E402


def _count_lines(root: Path) -> int:
    from hybridize.parse.project import discover

    return sum(f.path.read_bytes().count(b"\n") for f in discover(root))


def _measure(root: str, heap: str, context: str | None, queue) -> None:
    """Runs in a spawned child: parse, then build the call graph; reports phase seconds."""
    from hybridize.bridge.wala import CallGraphSettings, WalaProject
    from hybridize.parse.project import load_project

    began = time.perf_counter()
    sources = load_project(Path(root))
    parse_s = time.perf_counter() - began
    settings = CallGraphSettings(context=context) if context else CallGraphSettings()
    built = time.perf_counter()
    project = WalaProject.build(sources, settings, heap=heap)
    build_s = time.perf_counter() - built
    queue.put({
        "parse_s": parse_s,
        "build_s": build_s,
        "phases": dict(project.timing),
        "functions": len(project.functions),
        "edges": len(project.edges),
        "errors": len(project.errors),
    })


def measure(root: Path, heap: str, context: str | None) -> dict:
    ctx = multiprocessing.get_context("spawn")  # never fork a process that may host a JVM
    queue = ctx.Queue()
    child = ctx.Process(target=_measure, args=(str(root), heap, context, queue))
    child.start()
    child.join()
    if child.exitcode != 0:
        return {"failed": f"exit code {child.exitcode}"}
    return queue.get()


def phases(result: dict) -> dict[str, float]:
    """Wall-clock seconds per phase. The bridge is everything spent moving the project across:
    serialising each module's ast in Python and handing it over, waiting for the Java-side
    JSON parse still running when the last module arrived (the rest of that parse overlaps the
    serialisation on another core), and rendering, crossing and decoding the result document.
    Walking the call graph for the result's edges counts as call-graph construction."""
    t = result["phases"]
    engine_rest = t["engine_total"] - t["translation"] - t["pointer_analysis"] - t["result_extract"]
    return {
        "parse": result["parse_s"],
        "bridge": t["serialize"] + max(engine_rest, 0.0),
        "ir": t["translation"],
        "pointer_analysis": t["pointer_analysis"] + t["result_extract"],
    }


def _row(name: str, kloc: float, result: dict) -> str:
    if "failed" in result:
        return f"| {name} | {kloc:.1f} | failed: {result['failed']} |"
    split = phases(result)
    total = sum(split.values())
    cells = " | ".join(f"{seconds:.2f} ({100 * seconds / total:.0f}%)" for seconds in split.values())
    return (f"| {name} | {kloc:.1f} | {total:.2f} | {cells} | "
            f"{result['functions']} | {result['edges']} | {total / kloc:.3f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="*", default=[10, 50, 100])
    parser.add_argument("--real", type=Path, nargs="*", default=[])
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--context", help="call-graph context setting (default: the tool's)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()

    print("| project | KLOC | total s | parse s | bridge s | IR s | pointer analysis s | "
          "functions | edges | s/KLOC |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    raw = []
    with tempfile.TemporaryDirectory() as tmp:
        projects = []
        for size in args.sizes:
            root = Path(tmp, f"gen{size:g}")
            generate(root, size)
            projects.append((f"synthetic {size:g}K", root))
        projects += [(path.name, path) for path in args.real]
        for name, root in projects:
            kloc = _count_lines(root) / 1000
            result = measure(root, args.heap, args.context)
            raw.append({"project": name, "kloc": kloc, **result})
            print(_row(name, kloc, result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(raw, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
