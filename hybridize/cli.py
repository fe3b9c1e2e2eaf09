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
from hybridize.commands.analysis import add_analysis_options, run_analysis
from hybridize.commands.lookup import empty_report
from hybridize.commands.output import OutputError, check_writable, write_output
from hybridize.parse.config import ConfigError
from hybridize.parse.project import ProjectError
from hybridize.report import Report

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2


def _says_empty(report: Report, err: TextIO) -> bool:
    """Tells the user when the report has no function; True when that is an error."""
    problem = empty_report(report)
    if problem is None:
        return False
    err.write(f"hybridize: {problem[0]}\n")
    return problem[1]


def _cmd_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from hybridize.renderers import formats as render

    report = run_analysis(args, err)
    write_output(render.RENDERERS[args.format](report), args.output, out)
    if _says_empty(report, err):
        return EXIT_ERROR
    # Like `apply --check`: only the edits apply would make count.
    if args.check and any(fn.applicability and fn.applicability.admitted(args.unsafe)
                          for fn in report.functions):
        return EXIT_CHANGES
    return EXIT_OK


def _cmd_apply(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from hybridize.commands.apply import run_apply

    report = run_analysis(args, err)
    if _says_empty(report, err):
        return EXIT_ERROR
    root = args.path if args.path.is_dir() else args.path.parent
    return run_apply(report, root, write=args.write, unsafe=args.unsafe, select=args.select,
                     check=args.check, out=out, err=err, only_validated=args.only_validated,
                     input_signatures=args.input_signatures)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hybridize",
        description="Decide where @tf.function is safe and worth it, and edit the source.",
    )
    parser.add_argument("--version", action="version", version=f"hybridize {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="report every function and its verdict")
    analyze.add_argument("path", metavar="PATH", type=Path, help="project directory or .py file")
    add_analysis_options(analyze)
    analyze.add_argument("--format", choices=("text", "json", "csv", "sarif", "github"),
                         default="text")
    analyze.add_argument("--output", "-o", metavar="FILE", type=Path,
                         help="write the report here instead of stdout")
    analyze.add_argument("--check", action="store_true",
                         help="exit 1 when some function would be transformed safely "
                              "(like apply --check)")
    analyze.add_argument("--unsafe", action="store_true",
                         help="with --check: count unsafe edits too (like apply --unsafe)")
    analyze.set_defaults(run=_cmd_analyze)

    from hybridize.commands import apply

    apply_parser = commands.add_parser(
        "apply", help="show (or --write) the edits the analysis chose, as a unified diff")
    apply.add_arguments(apply_parser)
    add_analysis_options(apply_parser)
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
    add_analysis_options(explain_parser)
    explain_parser.set_defaults(run=explain.run_explain)

    from hybridize.commands import validate

    validate_parser = commands.add_parser(
        "validate", help="run your command on the project and on a refactored copy; compare")
    validate.add_arguments(validate_parser)
    add_analysis_options(validate_parser)
    validate_parser.set_defaults(
        run=lambda args, out, err: validate.run_validate(args, out, err, analyze=run_analysis))
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout,
         err: TextIO = sys.stderr) -> int:
    args = build_parser().parse_args(argv)
    from hybridize.bridge.jvm import JvmError, resolve_options
    from hybridize.bridge.wala import AnalysisError

    try:
        # Fail on a bad heap or output file now, not after a long analysis.
        resolve_options(heap=args.jvm_heap)
        if getattr(args, "output", None) is not None:
            check_writable(args.output)
        return args.run(args, out, err)
    except (ProjectError, JvmError, AnalysisError, OutputError, ConfigError) as exc:
        err.write(f"hybridize: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("hybridize: interrupted\n")
        return EXIT_ERROR
