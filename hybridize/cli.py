"""Command line: argument parsing, output files, progress and exit codes. No analysis here.

Exit codes (like linters): 0 the command ran; 1 it ran and ``--check`` found something to
change; 2 usage error, unusable input, or a tool failure (JVM, WALA build).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from hybridize import __version__
from hybridize.project import ProjectError
from hybridize.report import Report

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2


class Progress:
    """One self-erasing status line on stderr, only when stderr is a terminal."""

    def __init__(self, stream: TextIO, enabled: bool | None = None) -> None:
        self._stream = stream
        self._enabled = stream.isatty() if enabled is None else enabled

    def __call__(self, done: int, total: int, what: str) -> None:
        if self._enabled:
            self._stream.write(f"\r\x1b[2K[{done}/{total}] {what[:70]}")
            if done == total:
                self._stream.write("\r\x1b[2K")
            self._stream.flush()


def _write_output(text: str, output: Path | None, out: TextIO) -> None:
    if output is None:
        out.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def _add_analysis_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jvm-heap", metavar="SIZE",
                        help="maximum JVM heap, e.g. 4g (default: $HYBRIDIZE_JVM_HEAP or 4g)")
    parser.add_argument("--no-speculative", dest="speculative", action="store_false",
                        help="decide only what static analysis proves; no type-hint or "
                             "naming-convention assumptions")
    parser.add_argument("--no-type-hints", dest="type_hints", action="store_false",
                        help="do not let parameter type hints count as evidence")
    parser.add_argument("--context", choices=("0-cfa", "1-cfa"),
                        help="call-graph context sensitivity (default: 1-cfa)")
    parser.add_argument("--call-graph-budget", metavar="SECONDS", type=float, default=120.0,
                        help="seconds a context-sensitive pointer analysis may run before the "
                             "call graph is built context-insensitively (0: no limit; "
                             "default: %(default)g)")


def _analyze(args: argparse.Namespace, err: TextIO) -> Report:
    """Runs the whole analysis for a command that needs a report."""
    from hybridize.analyze import analyze_path
    from hybridize.settings import AnalysisSettings

    settings = AnalysisSettings(speculative=args.speculative, type_hints=args.type_hints,
                                context=args.context or "default",
                                call_graph_budget_s=args.call_graph_budget, jvm_heap=args.jvm_heap)
    from hybridize.analysis.infer import infer_attributes

    return analyze_path(args.path, settings, infer=infer_attributes, progress=Progress(err))


def _cmd_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from hybridize import render

    report = _analyze(args, err)
    _write_output(render.RENDERERS[args.format](report), args.output, out)
    if not report.functions and not report.errors:
        err.write(f"hybridize: {args.path}: no Python functions found\n")
    elif not report.functions and report.errors:
        err.write(f"hybridize: {args.path}: no file could be analysed\n")
        return EXIT_ERROR
    if args.check and any(fn.transformations for fn in report.functions):
        return EXIT_CHANGES
    return EXIT_OK


def _cmd_apply(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from hybridize.commands.apply import run_apply

    report = _analyze(args, err)
    root = args.path if args.path.is_dir() else args.path.parent
    return run_apply(report, root, write=args.write, unsafe=args.unsafe, select=args.select,
                     check=args.check, out=out, err=err, only_validated=args.only_validated)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hybridize",
        description="Decide where @tf.function is safe and worth it, and edit the source.",
    )
    parser.add_argument("--version", action="version", version=f"hybridize {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="report every function and its verdict")
    analyze.add_argument("path", metavar="PATH", type=Path, help="project directory or .py file")
    _add_analysis_options(analyze)
    analyze.add_argument("--format", choices=("text", "json", "csv"), default="text")
    analyze.add_argument("--output", "-o", metavar="FILE", type=Path,
                         help="write the report here instead of stdout")
    analyze.add_argument("--check", action="store_true",
                         help="exit 1 when some function would be transformed")
    analyze.set_defaults(run=_cmd_analyze)

    from hybridize.commands import apply

    apply_parser = commands.add_parser(
        "apply", help="show (or --write) the edits the analysis chose, as a unified diff")
    apply.add_arguments(apply_parser)
    _add_analysis_options(apply_parser)
    apply_parser.set_defaults(run=_cmd_apply)

    from hybridize.commands import callgraph

    callgraph_parser = commands.add_parser(
        "callgraph", help="print the call graph the analysis uses (json or dot)")
    callgraph.add_arguments(callgraph_parser)
    callgraph_parser.set_defaults(run=callgraph.run_callgraph)

    from hybridize.commands import explain

    explain_parser = commands.add_parser(
        "explain", help="one function's verdict and the evidence behind it")
    explain.add_arguments(explain_parser)
    _add_analysis_options(explain_parser)
    explain_parser.set_defaults(run=explain.run_explain)

    from hybridize.commands import validate

    validate_parser = commands.add_parser(
        "validate", help="run your command on the project and on a refactored copy; compare")
    validate.add_arguments(validate_parser)
    _add_analysis_options(validate_parser)
    validate_parser.set_defaults(
        run=lambda args, out, err: validate.run_validate(args, out, err, analyze=_analyze))
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout,
         err: TextIO = sys.stderr) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.jvm_heap is not None:
        from hybridize.jvm import JvmError, resolve_options

        try:
            resolve_options(heap=args.jvm_heap)
        except JvmError as exc:
            parser.error(str(exc))
    from hybridize.frontend.wala import AnalysisError
    from hybridize.jvm import JvmError

    try:
        return args.run(args, out, err)
    except (ProjectError, JvmError, AnalysisError) as exc:
        err.write(f"hybridize: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("hybridize: interrupted\n")
        return EXIT_ERROR
