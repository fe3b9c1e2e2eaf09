"""`hybridize validate PATH [options] -- COMMAND [ARGS...]`: the user's program judges.

Analyses PATH, chooses the edits `apply` would make, and runs COMMAND on the project as it is
and on a refactored copy (the user's files are never edited), comparing every changed
function call by call. Exit 0: nothing broke; 1: a function diverged or raised, or the
command failed only after refactoring; 2: usage error or tool failure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from hybridize.commands.apply import select_requests
from hybridize.report import Report

EXIT_OK, EXIT_REGRESSED, EXIT_ERROR = 0, 1, 2


class _CommandTailParser(argparse.ArgumentParser):
    """Everything after the first `--` is COMMAND, verbatim: argparse would read the options
    in it as ours, and consume an empty `*` positional as soon as PATH is seen."""

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        split = arguments.index("--") if "--" in arguments else len(arguments)
        namespace, extras = super().parse_known_args(arguments[:split], namespace)
        namespace.command = arguments[split + 1:]
        return namespace, extras


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.__class__ = _CommandTailParser  # a subparser is built by add_parser: retype it
    parser.usage = "%(prog)s PATH [options] -- COMMAND [ARGS...]"
    parser.add_argument("path", metavar="PATH", type=Path, help="project directory or .py file")
    parser.add_argument("--unsafe", action="store_true",
                        help="also validate edits whose decision rests on speculative evidence")
    parser.add_argument("--select", metavar="QUALIFIED_NAME", action="append", default=[],
                        help="only this function (repeatable)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--rtol", type=float, default=1e-4,
                        help="relative tolerance for output values (default: %(default)g)")
    parser.add_argument("--atol", type=float, default=1e-5,
                        help="absolute tolerance for output values (default: %(default)g)")
    parser.add_argument("--timeout", metavar="SECONDS", type=float,
                        help="stop each run of COMMAND after this long (default: no limit)")


def run_validate(args: argparse.Namespace, out: TextIO, err: TextIO,
                 analyze: Callable[[argparse.Namespace, TextIO], Report]) -> int:
    from hybridize.renderers.validation import render_json, render_text
    from hybridize.validate import Invocation, Tolerance, validate_edits
    from hybridize.validate.runner import CommandError

    if not args.command:
        err.write("hybridize: validate needs the command to run after `--`\n")
        return EXIT_ERROR
    report = analyze(args, err)
    root = args.path if args.path.is_dir() else args.path.parent
    requests, skipped_unsafe = select_requests(report, unsafe=args.unsafe, select=args.select)
    if skipped_unsafe:
        err.write(f"skipped {skipped_unsafe} unsafe edit(s); use --unsafe to include them\n")
    invocation = Invocation(tuple(args.command), Path.cwd(), timeout=args.timeout)
    try:
        validation = validate_edits(root, requests, invocation, Tolerance(args.rtol, args.atol))
    except CommandError as error:
        err.write(f"hybridize: {error}\n")
        return EXIT_ERROR
    result = validation.report
    out.write((render_json if args.format == "json" else render_text)(result))
    for label, run in (("original", result.original), ("refactored", result.refactored)):
        if run.exit != 0 and validation.stderr_tails[label]:
            err.write(f"the {label} run exited with {run.exit}; the end of its stderr:\n"
                      f"{validation.stderr_tails[label]}\n")
    return EXIT_REGRESSED if result.regressed else EXIT_OK
