"""Benchmark: `hybridize validate` on small runnable programs in the styles real projects use.

Each program (``evaluation/programs/*`` and the bundled example) is analysed, refactored by the
tool in a copy and run side by side with the original by `hybridize validate` (one process per
program, so each has its own JVM; TensorFlow runs only in the programs' own processes). Reports
per program the command's wall time both ways, the time spent inside the converted functions
eagerly and as tf.function (their own calls from Python), and the breaks (functions that
diverged or raised; the target is 0). This is a benchmark, not a test: figures are reported,
never asserted.

    python evaluation/bench_validate.py [--output evaluation/results/validate-benchmark.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROGRAMS = [("mlp", REPO / "evaluation/programs/mlp"), ("cnn", REPO / "evaluation/programs/cnn"),
            ("rnn (unrolled by hand)", REPO / "evaluation/programs/rnn"),
            ("gan step", REPO / "evaluation/programs/gan"),
            ("transformer block", REPO / "evaluation/programs/transformer"),
            ("examples/mnist_like", REPO / "examples/mnist_like")]


@dataclass(frozen=True)
class Row:
    program: str
    exit: int
    report: dict

    @property
    def functions(self) -> list[dict]:
        return self.report["functions"]

    @property
    def breaks(self) -> int:
        return sum(f["outcome"] in ("diverge", "raise") for f in self.functions)

    def seconds(self, key: str) -> float:
        """Time inside the converted functions that were timed both ways."""
        return sum(f[key] for f in self._timed())

    def _timed(self) -> list[dict]:
        return [f for f in self.functions if f["speedup"] is not None]

    @property
    def steady_speedup(self) -> float | None:
        """Median over the functions of their speedup on calls that did not trace."""
        speedups = [f["steady_speedup"] for f in self.functions if f["steady_speedup"]]
        return statistics.median(speedups) if speedups else None

    @property
    def function_speedup(self) -> float | None:
        eager, graph = self.seconds("eager_seconds"), self.seconds("graph_seconds")
        return eager / graph if self._timed() and graph > 0 else None


def _validate(name: str, program: Path) -> Row:
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]))
    done = subprocess.run([sys.executable, "-m", "hybridize", "validate", str(program),
                           "--format", "json", "--", sys.executable, "train.py"],
                          cwd=program, env=environment, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{name}: validate failed ({done.returncode}): {done.stderr[-2000:]}")
    return Row(name, done.returncode, json.loads(done.stdout))


def _speedup(value: float | None) -> str:
    return "-" if value is None else f"{value:.3g}x"


def render(rows: list[Row]) -> str:
    lines = [
        "# `hybridize validate` benchmark", "",
        f"`python evaluation/bench_validate.py` on {platform.machine()}, {os.cpu_count()} cores "
        f"(shared), Python {platform.python_version()}. Each program runs once as it is and once "
        "refactored, both instrumented; *inside* is the time spent in the converted functions' "
        "own calls from Python (where a function is called only inside another converted "
        "function's graph, it is timed as part of that one), first calls and their tracing "
        "included; *steady* leaves out the calls that traced (median over functions).", "",
        "| program | converted | agree | breaks | original s | refactored s | command speedup "
        "| inside eager s | inside graph s | inside speedup | steady speedup |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        agree = sum(f["outcome"] == "agree" for f in row.functions)
        lines.append(
            f"| {row.program} | {len(row.functions)} | {agree} | {row.breaks} "
            f"| {row.report['original']['seconds']:.2f} | {row.report['refactored']['seconds']:.2f} "
            f"| {_speedup(row.report['speedup'])} | {row.seconds('eager_seconds'):.3f} "
            f"| {row.seconds('graph_seconds'):.3f} | {_speedup(row.function_speedup)} "
            f"| {_speedup(row.steady_speedup)} |")
    inside = [row.function_speedup for row in rows if row.function_speedup is not None]
    command = [row.report["speedup"] for row in rows if row.report["speedup"] is not None]
    lines += ["", f"Median speedup inside the converted functions: "
              f"{_speedup(statistics.median(inside) if inside else None)}; median command "
              f"speedup: {_speedup(statistics.median(command) if command else None)}; "
              f"breaks: {sum(row.breaks for row in rows)}.", "", "Per function:", "",
              "| program | function | transformation | calls | traces | outcome | speedup "
              "| steady speedup |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        for f in row.functions:
            lines.append(f"| {row.program} | `{f['qualified_name']}` | {f['transformation']} "
                         f"| {f['calls']} | {f['traces']} | {f['outcome']} "
                         f"| {_speedup(f['speedup'])} | {_speedup(f['steady_speedup'])} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path,
                        default=REPO / "evaluation" / "results" / "validate-benchmark.md")
    args = parser.parse_args()
    rows = []
    for name, program in PROGRAMS:
        rows.append(_validate(name, program))
        print(f"{name}: exit {rows[-1].exit}", file=sys.stderr)
    text = render(rows)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
