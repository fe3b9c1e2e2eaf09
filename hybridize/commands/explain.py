"""`hybridize explain PATH QUALIFIED_NAME`: one function's verdict and the reasons for it.

Analyses the project and prints ``hybridize.renderers.explanation``'s text for the function,
then the analysis errors of its file.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from hybridize.commands.lookup import empty_report, unknown_names
from hybridize.renderers.explanation import render_explanation

EXIT_OK, EXIT_ERROR = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="project directory or .py file")
    parser.add_argument("qualified_name", metavar="QUALIFIED_NAME",
                        help="the function, e.g. pkg.module.Class.method")


def run_explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from hybridize.commands.analysis import run_analysis

    report = run_analysis(args, err)
    problem = empty_report(report)
    missing = unknown_names([args.qualified_name], report)
    if problem is not None or missing is not None:  # nothing to explain
        err.write(f"hybridize: {problem[0] if problem else missing}\n")
        return EXIT_ERROR
    fn = next(fn for fn in report.functions if fn.qualified_name == args.qualified_name)
    out.write(render_explanation(fn))
    for error in report.errors:
        if error.file in ("", fn.file):
            out.write(f"note: {error.file or 'analysis'}: {error.message}\n")
    return EXIT_OK
