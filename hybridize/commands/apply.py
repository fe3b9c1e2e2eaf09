"""`hybridize apply`: turn a report's transformations into source edits.

Prints a unified diff of every change; writes only with `--write`. Edits whose
decision rests on speculative evidence are unsafe and need `--unsafe`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from hybridize.commands.lookup import unknown_names
from hybridize.edit import (
    EditRefusal,
    EditRequest,
    FilePlan,
    plan_file,
    unified_diff,
    write_file_edit,
)
from hybridize.edit.model import SignatureSpecs
from hybridize.report import FunctionReport, Report, Transformation

EXIT_OK = 0
#: With `--check`: something would change.
EXIT_WOULD_CHANGE = 1
#: A name given to `--select` is no function of the project, or an unreadable report.
EXIT_ERROR = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="project directory or .py file")
    parser.add_argument(
        "--write", action="store_true", help="edit the files in place (default: only print a diff)"
    )
    parser.add_argument(
        "--unsafe",
        action="store_true",
        help="also apply edits whose decision rests on speculative evidence",
    )
    parser.add_argument(
        "--select",
        metavar="QUALIFIED_NAME",
        action="append",
        default=[],
        help="only edit this function (repeatable)",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when anything would change"
    )
    parser.add_argument(
        "--input-signatures",
        action="store_true",
        help="when adding @tf.function, also write the input signature inferred from the "
        "call sites (default: a bare decorator)",
    )
    parser.add_argument(
        "--only-validated",
        metavar="REPORT",
        type=Path,
        help="only edits of functions that agreed (and were called) in this "
        "`hybridize validate --format json` report",
    )


def run_apply(
    report: Report,
    project_root: Path,
    *,
    write: bool,
    unsafe: bool,
    select: list[str],
    check: bool,
    out: TextIO,
    err: TextIO,
    only_validated: Path | None = None,
    input_signatures: bool = False,
) -> int:
    """Plan, print and optionally write the edits the report asks for; the exit code."""
    missing = unknown_names(select, report)
    if missing is not None:
        err.write(f"hybridize: --select: {missing}\n")
        return EXIT_ERROR
    validated = None
    if only_validated is not None:
        try:
            validated = validated_edits(only_validated)
        except (OSError, ValueError, KeyError, TypeError) as error:
            err.write(f"hybridize: {only_validated}: not a validate JSON report ({error})\n")
            return EXIT_ERROR
    requests_by_file, skipped_unsafe = select_requests(
        report, unsafe=unsafe, select=select, validated=validated,
        input_signatures=input_signatures,
    )
    if skipped_unsafe:
        err.write(f"skipped {skipped_unsafe} unsafe edit(s); use --unsafe to include them\n")
    changed = False
    for path in sorted(requests_by_file):
        plan = _plan(project_root, path, requests_by_file[path])
        _print_refusals(plan.refusals, err)
        if plan.edit is None:
            continue
        changed = True
        out.write(unified_diff(plan.edit))
        if write:
            refusal = write_file_edit(project_root, plan.edit)
            if refusal is not None:
                _print_refusals([refusal], err)
    return EXIT_WOULD_CHANGE if check and changed else EXIT_OK


def validated_edits(path: Path) -> set[tuple[str, str]]:
    """(qualified name, transformation) of each function a validate report found agreeing
    over at least one call."""
    functions = json.loads(path.read_text(encoding="utf-8"))["functions"]
    return {
        (function["qualified_name"], function["transformation"])
        for function in functions
        if function["outcome"] == "agree" and function["calls"] > 0
    }


def select_requests(
    report: Report,
    *,
    unsafe: bool,
    select: list[str],
    validated: set[tuple[str, str]] | None = None,
    input_signatures: bool = False,
) -> tuple[dict[str, list[EditRequest]], int]:
    """Requests grouped by file, and how many unsafe ones were left out; with `validated`,
    only those (qualified name, transformation) pairs."""
    selected = set(select)
    by_file: dict[str, list[EditRequest]] = {}
    skipped_unsafe = 0
    for function in report.functions:
        applicability = function.applicability
        if applicability is None or (selected and function.qualified_name not in selected):
            continue
        if not applicability.admitted(unsafe):
            skipped_unsafe += len(function.transformations)
            continue
        by_file.setdefault(function.file, []).extend(
            EditRequest(function.line, function.qualified_name, transformation, applicability,
                        _signature(function, transformation, input_signatures))
            for transformation in function.transformations
            if validated is None or (function.qualified_name, transformation.value) in validated
        )
    return by_file, skipped_unsafe


def _signature(function: FunctionReport, transformation: Transformation,
               input_signatures: bool) -> SignatureSpecs | None:
    """The signature an edit writes: always when reconfiguring, when adding the decorator only
    with ``--input-signatures``."""
    wanted = transformation is Transformation.RECONFIGURE or (
        input_signatures and transformation is Transformation.CONVERT_TO_HYBRID)
    if not wanted or function.input_signature is None:
        return None
    return tuple((None if spec["shape"] is None else tuple(spec["shape"]), spec["dtype"])
                 for spec in function.input_signature)


def _plan(project_root: Path, path: str, requests: list[EditRequest]) -> FilePlan:
    try:
        source = (project_root / path).read_bytes()
    except OSError as error:
        return FilePlan(path, None, (EditRefusal(path, None, f"cannot read: {error}"),))
    return plan_file(path, source, requests)


def _print_refusals(refusals: Iterable[EditRefusal], err: TextIO) -> None:
    for refusal in refusals:
        err.write(f"{refusal}\n")
