"""Benchmark: the whole analysis of two builds (before / after), side by side in one run.

For each project (the bundled ``examples/mnist_like`` and synthetic projects of about 10, 50
and 100 KLOC from ``evaluation/generate_project.py``, generated once into a temporary folder
and shared by both sides) it runs ``python -m hybridize analyze PROJECT --format json`` of each
build as a separate subprocess (one JVM per run, cold JIT: what a user waits for), alternating
the two builds round by round: before, after in odd rounds and after, before in even ones, so
neither side always runs first. Each build runs from its own checkout (``cwd`` and
``PYTHONPATH`` set to it) with its own jars (``HYBRIDIZE_JARS=<checkout>/build/jars``).

Per project it reports the median wall time of each side, the median over rounds of the
per-round ratio after / before (both runs of a round are back to back, so a slow spell of a
shared machine stretches both alike), the same in CPU time (user + system of the child and the
JVM's threads), the medians of the report's own ``timing`` split (``call_graph_s``,
``analysis_s``, ``total_s``) and whether the verdict counts of the report's ``summary`` differ
between the builds (listed, never hidden), with the number of functions whose verdict changed.
The load average is printed at the start, per project and at the end.

This is a benchmark, not a test: figures are reported, never asserted.

    python3 evaluation/bench_before_after.py --before /work/wt-base [--after .] \\
        [--sizes 10 50 100] [--rounds 3] [--rounds-example 5] [--rounds-100 3] [--json raw.json] \\
        [--project NAME=PATH ...]

``--project`` adds an existing source tree (e.g. the installed Keras package's ``src/layers``),
analysed in place by both builds with ``--rounds`` rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))
from generate_project import generate  # noqa: E402

SUMMARY_KEYS = ("functions", "candidates", "refactorable", "by_transformation", "by_failure")
ATTRIBUTE_KEYS = ("hybrid", "tensor_parameter", "primitive_parameter", "python_side_effects",
                  "recursive")
TIMING_KEYS = ("call_graph_s", "analysis_s", "total_s", "jvm_start_s", "parse_s")


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _kinds(entries) -> tuple[str, ...]:
    """Failure or transformation kinds, whatever else each entry carries (evidence, wording)."""
    return tuple(sorted(e["kind"] if isinstance(e, dict) else str(e) for e in entries or ()
                        if not (isinstance(e, dict) and e.get("ignored"))))


def _verdict(function: dict) -> dict:
    """What the analysis concluded about one function: its attributes and its verdict."""
    return {"attributes": tuple(function.get(k) for k in ATTRIBUTE_KEYS),
            "verdict": (_kinds(function.get("transformations")), _kinds(function.get("failures")))}


def run_once(checkout: Path, project: Path, heap: str | None, budget: str | None = None) -> dict:
    """One ``analyze`` of ``project`` by the build in ``checkout``, in its own process."""
    env = dict(os.environ, PYTHONPATH=str(checkout),
               HYBRIDIZE_JARS=str(checkout / "build" / "jars"))
    command = [sys.executable, "-m", "hybridize", "analyze", str(project), "--format", "json"]
    if heap:
        command += ["--jvm-heap", heap]
    if budget is not None:
        command += ["--call-graph-budget", budget]
    cpu = _children_cpu()
    began = time.perf_counter()
    done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - began
    cpu = _children_cpu() - cpu
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"{checkout}: analyze {project} exited {done.returncode} without a "
                         f"JSON report:\n{done.stderr[-2000:]}") from None
    verdicts = {f"{f['file']}:{f['line']}:{f['qualified_name']}": _verdict(f)
                for f in report["functions"]}
    # A 1-CFA call graph past its wall-clock budget is rebuilt 0-CFA (less precise verdicts):
    # on a loaded machine that may happen in some rounds only.
    fell_back = any("budget" in note and "0-CFA" in note.upper() for note in report.get("notes", ()))
    return {"wall_s": wall, "cpu_s": cpu, "exit": done.returncode, "fell_back": fell_back,
            "timing": {k: report.get("timing", {}).get(k) for k in TIMING_KEYS},
            "summary": {k: report["summary"].get(k) for k in SUMMARY_KEYS},
            "verdicts": verdicts}


def bench(name: str, project: Path, sides: dict[str, Path], rounds: int,
          heap: str | None, budget: str | None = None) -> dict:
    runs: dict[str, list[dict]] = {side: [] for side in sides}
    order = list(sides)
    load_before = _load()
    for index in range(rounds):
        for side in (order if index % 2 == 0 else order[::-1]):
            runs[side].append(run_once(sides[side], project, heap, budget))
            last = runs[side][-1]
            print(f"  {name} round {index + 1} {side}: {last['wall_s']:.2f} s wall, "
                  f"{last['cpu_s']:.2f} s CPU (load {_load()})"
                  + (" FELL BACK TO 0-CFA" if last["fell_back"] else ""),
                  file=sys.stderr, flush=True)
    before, after = (runs[side] for side in order)

    def median(side_runs, key, sub=None):
        values = [r[key][sub] if sub else r[key] for r in side_runs]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    def ratio(key):
        return statistics.median(a[key] / b[key] for a, b in zip(after, before, strict=True))

    row = {"project": name, "rounds": rounds, "load_start": load_before, "load_end": _load(),
           "ratio_wall": ratio("wall_s"), "ratio_cpu": ratio("cpu_s")}
    for side, side_runs in runs.items():
        row[side] = {"wall_s": median(side_runs, "wall_s"), "cpu_s": median(side_runs, "cpu_s"),
                     "timing": {k: median(side_runs, "timing", k) for k in TIMING_KEYS},
                     "summary": side_runs[0]["summary"],
                     "summary_stable": all(r["summary"] == side_runs[0]["summary"]
                                           for r in side_runs),
                     "exits": sorted({r["exit"] for r in side_runs}),
                     "raw": [{k: r[k] for k in ("wall_s", "cpu_s", "timing", "exit", "fell_back")}
                             for r in side_runs]}
    b_verdicts, a_verdicts = before[0]["verdicts"], after[0]["verdicts"]
    row["summary_diff"] = {k: (row[order[0]]["summary"][k], row[order[1]]["summary"][k])
                           for k in SUMMARY_KEYS
                           if row[order[0]]["summary"][k] != row[order[1]]["summary"][k]}
    both = b_verdicts.keys() & a_verdicts.keys()
    row["verdicts_changed"] = sorted(q for q in both
                                     if b_verdicts[q]["verdict"] != a_verdicts[q]["verdict"])
    row["attributes_changed"] = sorted(q for q in both if b_verdicts[q]["attributes"]
                                       != a_verdicts[q]["attributes"])
    row["verdict_changes"] = {q: {"before": b_verdicts[q], "after": a_verdicts[q]}
                              for q in row["verdicts_changed"]}
    row["only_before"] = sorted(b_verdicts.keys() - a_verdicts.keys())
    row["only_after"] = sorted(a_verdicts.keys() - b_verdicts.keys())
    return row


def _f(value, fmt=".2f") -> str:
    return "–" if value is None else format(value, fmt)


def _count_diff(key: str, before, after) -> str:
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before or {}, after or {}
        changed = [f"{kind} {before.get(kind, 0)} → {after.get(kind, 0)}"
                   for kind in sorted(before.keys() | after.keys())
                   if before.get(kind, 0) != after.get(kind, 0)]
        return f"{key}: " + ", ".join(changed)
    return f"{key}: {before} → {after}"


def render(rows: list[dict], kloc: dict[str, float]) -> str:
    out = ["| project | KLOC | rounds | wall before (s) | wall after (s) | after / before "
           "(wall) | CPU before (s) | CPU after (s) | after / before (CPU) "
           "| call graph b → a (s) | analyses b → a (s) | report total b → a (s) |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        b, a = row["before"], row["after"]
        out.append(
            f"| {row['project']} | {kloc[row['project']]:.1f} | {row['rounds']} "
            f"| {_f(b['wall_s'])} | {_f(a['wall_s'])} | {row['ratio_wall']:.2f}x "
            f"| {_f(b['cpu_s'])} | {_f(a['cpu_s'])} | {row['ratio_cpu']:.2f}x "
            f"| {_f(b['timing']['call_graph_s'])} → {_f(a['timing']['call_graph_s'])} "
            f"| {_f(b['timing']['analysis_s'])} → {_f(a['timing']['analysis_s'])} "
            f"| {_f(b['timing']['total_s'])} → {_f(a['timing']['total_s'])} |")
    out += ["", "| project | functions | refactorable b → a | verdict counts "
            "| functions whose verdict changed | functions whose attributes changed |",
            "|---|---|---|---|---|---|"]
    for row in rows:
        b, a = row["before"]["summary"], row["after"]["summary"]
        diff = "; ".join(_count_diff(k, *v) for k, v in row["summary_diff"].items())
        if not (row["before"]["summary_stable"] and row["after"]["summary_stable"]):
            diff += " (a summary varied between rounds!)"
        fell = {side: sum(r.get("fell_back", False) for r in row[side]["raw"])
                for side in ("before", "after")}
        if any(fell.values()):
            diff += (f" (0-CFA fallback past the call-graph budget in {fell['before']} before and "
                     f"{fell['after']} after runs of {row['rounds']})")
        only = (f" (only before: {len(row['only_before'])}, only after: "
                f"{len(row['only_after'])})" if row["only_before"] or row["only_after"] else "")
        out.append(f"| {row['project']} | {b['functions']} → {a['functions']}{only} "
                   f"| {b['refactorable']} → {a['refactorable']} "
                   f"| {'differ: ' + diff if diff else 'same'} "
                   f"| {len(row['verdicts_changed'])} | {len(row['attributes_changed'])} |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old build")
    parser.add_argument("--after", type=Path, default=_HERE.parent,
                        help="checkout of the new build (default: this one)")
    parser.add_argument("--sizes", type=float, nargs="*", default=[10, 50, 100])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per generated project")
    parser.add_argument("--rounds-example", type=int, default=5)
    parser.add_argument("--rounds-100", type=int, default=None,
                        help="rounds for projects of 100 KLOC and more (default: --rounds)")
    parser.add_argument("--jvm-heap", default=None, help="passed to both builds")
    parser.add_argument("--call-graph-budget", default=None, metavar="SECONDS",
                        help="passed to both builds (0: 1-CFA without a time limit)")
    parser.add_argument("--project", action="append", default=[], metavar="NAME=PATH",
                        help="also analyse this existing source tree (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    sides = {"before": args.before.resolve(), "after": args.after.resolve()}
    for side, checkout in sides.items():
        commit = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=False).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(checkout), "status", "--porcelain",
                                "--untracked-files=no"],
                               capture_output=True, text=True, check=False).stdout.strip()
        # A working tree others edit during the run measures no one commit: use a snapshot
        # (git archive COMMIT | tar -x) with its own jars instead.
        print(f"{side}: {checkout} at {commit or '?'}"
              + (" WITH UNCOMMITTED CHANGES" if dirty else ""), file=sys.stderr)
    started, load_start = time.time(), _load()
    print(f"load average at start: {load_start}", file=sys.stderr)
    example = sides["after"] / "examples" / "mnist_like"
    # Untimed warm-up of each side on the example: byte-compiles the checkout, pages the jars in.
    for checkout in sides.values():
        run_once(checkout, example, args.jvm_heap)
    rows, kloc = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        projects = [("mnist_like", example, args.rounds_example)]
        for size in args.sizes:
            root = Path(tmp, f"gen{size:g}")
            generate(root, size)
            rounds = args.rounds_100 if size >= 100 and args.rounds_100 else args.rounds
            projects.append((f"synthetic {size:g}K", root, rounds))
        for spec in args.project:
            name, _, path = spec.partition("=")
            projects.append((name, Path(path).resolve(), args.rounds))
        for name, root, rounds in projects:
            kloc[name] = sum(p.read_bytes().count(b"\n") for p in root.rglob("*.py")) / 1000
            rows.append(bench(name, root, sides, rounds, args.jvm_heap, args.call_graph_budget))
    load_end = _load()
    print(render(rows, kloc))
    print(f"\nLoad average (1, 5, 15 min) at start: {load_start}; at end: {load_end}. "
          f"Run took {(time.time() - started) / 60:.1f} min.")
    if args.json:
        args.json.write_text(json.dumps({"sides": {k: str(v) for k, v in sides.items()},
                                         "load_start": load_start, "load_end": load_end,
                                         "kloc": kloc, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
