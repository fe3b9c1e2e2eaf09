"""Benchmark: does every project get a report, in how long and in how much memory (issue 13).

Runs ``python -m hybridize analyze PROJECT --format json`` of two builds (before / after) on
each project, back to back in one run, each in its own process (own JVM, cold JIT), under
``/usr/bin/time`` for its peak resident memory and with a wall-clock limit (a run past it, or
one that ends without a JSON report, is reported as such: "no report" is the failure this
benchmark exists to show). Projects: the generated series of ``generate_project.py`` (10, 50,
100, 200 KLOC by default), the pathological shapes of ``generate_shapes.py`` and any real
project folders given with ``--project NAME=PATH`` (OpenNMT-tf among them).

Per run it prints wall time, CPU time (user + system: on a shared machine it moves less with the
load than wall time does), peak RSS, the report's ``timing`` split, the number of functions and
how many are undetermined, and the report's ``notes`` (which rungs of the analysis ladder were
given up). With ``--heap`` both builds get that JVM heap (the builds' defaults may differ).
Figures are reported, never asserted.

    python3 evaluation/bench_scale.py --before /tmp/main-snapshot [--after .] \\
        [--sizes 10 50 100 200] [--shapes] [--project opennmt=/tmp/onmt] [--limit 600]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))
from generate_project import generate  # noqa: E402
from generate_shapes import generate as generate_shapes  # noqa: E402

UNDETERMINED = "UNDETERMINABLE_TENSOR_PARAMETER"


def run_once(checkout: Path, project: Path, limit: float, heap: str | None = None) -> dict:
    """One ``analyze`` of ``project`` by the build in ``checkout``: wall, CPU, peak RSS, report."""
    env = dict(os.environ, PYTHONPATH=str(checkout),
               HYBRIDIZE_JARS=str(checkout / "build" / "jars"))
    if heap:
        env["HYBRIDIZE_JVM_HEAP"] = heap
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        command = ["/usr/bin/time", "-o", rss.name, "-f", "%M %U %S", sys.executable, "-m",
                   "hybridize", "analyze", str(project), "--format", "json"]
        began = time.perf_counter()
        # Its own process group: past the limit the analysis is killed with /usr/bin/time, not
        # left running beside the next measurement.
        with subprocess.Popen(command, cwd=checkout, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, start_new_session=True) as child:
            try:
                stdout, stderr = child.communicate(timeout=limit)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.communicate()
                return {"wall_s": time.perf_counter() - began,
                        "outcome": f"no report in {limit:g} s"}
        wall = time.perf_counter() - began
        peak = rss.read().strip().splitlines()
    fields = peak[-1].split() if peak else []
    run: dict = {"wall_s": wall, "peak_mib": int(fields[0]) / 1024 if fields else None,
                 "cpu_s": float(fields[1]) + float(fields[2]) if len(fields) == 3 else None}
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        tail = stderr.strip().splitlines()[-1:] or ["?"]
        return run | {"outcome": f"no report (exit {child.returncode}: {tail[0][:120]})"}
    functions = report["functions"]
    return run | {
        "outcome": "report",
        "functions": len(functions),
        "undetermined": sum(any(f["kind"] == UNDETERMINED for f in fn["failures"])
                            for fn in functions),
        "errors": len(report.get("errors", [])),
        "timing": {k: report.get("timing", {}).get(k) for k in ("call_graph_s", "analysis_s")},
        "notes": report.get("notes", []),
    }


def projects(root: Path, sizes: list[int], shapes: bool, real: list[str]) -> dict[str, Path]:
    out = {}
    for kloc in sizes:
        generate(root / f"gen{kloc}", kloc)
        out[f"generated {kloc} KLOC"] = root / f"gen{kloc}"
    if shapes:
        generate_shapes(root / "list40k", list_items=40_000)
        out["one 40,000-item list literal"] = root / "list40k"
        for count in (10_000, 20_000, 30_000):
            generate_shapes(root / f"defs{count}", functions=count)
            out[f"{count:,} small functions"] = root / f"defs{count}"
    for spec in real:
        name, _, path = spec.partition("=")
        out[name] = Path(path)
    return out


def _cell(run: dict) -> str:
    peak = f"{run['peak_mib']:.0f} MiB" if run.get("peak_mib") else "?"
    cpu = f" (CPU {run['cpu_s']:.0f} s)" if run.get("cpu_s") is not None else ""
    if run["outcome"] != "report":
        return f"{run['wall_s']:.0f} s{cpu}, {peak}: {run['outcome']}"
    timing = run["timing"]
    split = (f" [call graph {timing['call_graph_s']:.0f} s, analyses {timing['analysis_s']:.0f} s]"
             if timing.get("call_graph_s") is not None else "")
    return (f"{run['wall_s']:.0f} s{cpu}{split}, {peak}; {run['functions']} functions, "
            f"{run['undetermined']} undetermined, {run['errors']} errors, "
            f"{len(run['notes'])} ladder notes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=_HERE.parent)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 50, 100, 200])
    parser.add_argument("--shapes", action="store_true")
    parser.add_argument("--project", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds per run")
    parser.add_argument("--heap", help="JVM heap of both builds, e.g. 4g (default: each build's)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, project in projects(Path(tmp), args.sizes, args.shapes, args.project).items():
            row = {"project": name}
            for side, checkout in (("before", args.before), ("after", args.after)):
                row[side] = run_once(checkout.resolve(), project, args.limit, args.heap)
                print(f"{name} [{side}] {_cell(row[side])}", flush=True)
            rows.append(row)
    print("\n| project | before | after |\n|---|---|---|")
    for row in rows:
        print(f"| {row['project']} | {_cell(row['before'])} | {_cell(row['after'])} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
