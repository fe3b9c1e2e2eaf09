"""One validation: refactored copy, two instrumented runs of the command, a verdict per function.

The user's code runs only here, in child processes; this process (which may host the JVM)
never imports TensorFlow.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hybridize.edit import EditRequest
from hybridize.report import Transformation
from hybridize.validate.compare import blame_enclosing, judge
from hybridize.validate.instrument import probe_environment, write_probe_directory
from hybridize.validate.model import (
    FunctionValidation,
    Tolerance,
    ValidationReport,
    Verdict,
    ratio,
)
from hybridize.validate.records import FunctionRecord
from hybridize.validate.runner import CommandRun, run_command
from hybridize.validate.workspace import Target, Workspace, create_workspace


@dataclass(frozen=True)
class Invocation:
    """The user's command as they run it."""

    command: tuple[str, ...]
    cwd: Path
    environment: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    timeout: float | None = None


@dataclass(frozen=True)
class Validation:
    report: ValidationReport
    #: The last lines each run wrote to stderr ("original", "refactored").
    stderr_tails: dict[str, str]


def validate_edits(
    project_root: Path,
    requests: Mapping[str, Sequence[EditRequest]],
    invocation: Invocation,
    tolerance: Tolerance = Tolerance(),
) -> Validation:
    """Apply `requests` (by file) to a copy and compare the command's runs on both trees."""
    with tempfile.TemporaryDirectory(prefix="hybridize-validate-") as directory:
        scratch = Path(directory)
        workspace = create_workspace(project_root, requests, scratch, invocation.cwd)
        probes = write_probe_directory(scratch / "probe")
        original = _run(workspace, invocation, probes, scratch / "original", refactored=False)
        refactored = _run(workspace, invocation, probes, scratch / "refactored", refactored=True)
    verdicts = {target.qualified_name: judge(original.records.get(target.qualified_name,
                                                                  FunctionRecord()),
                                             refactored.records.get(target.qualified_name,
                                                                    FunctionRecord()),
                                             tolerance)
                for target in workspace.targets}
    verdicts = blame_enclosing(verdicts, refactored.records)
    functions = tuple(_function(target, verdicts[target.qualified_name], original, refactored)
                      for target in workspace.targets)
    report = ValidationReport(invocation.command, str(project_root), original.result,
                              refactored.result, functions, tolerance,
                              tuple(str(refusal) for refusal in workspace.refusals))
    return Validation(report, {"original": original.stderr_tail,
                               "refactored": refactored.stderr_tail})


def _run(workspace: Workspace, invocation: Invocation, probes: Path, logs: Path,
         refactored: bool) -> CommandRun:
    cwd = invocation.cwd.resolve()
    command = list(invocation.command)
    python_path = [entry for entry in invocation.environment.get("PYTHONPATH", "").split(
        os.pathsep) if entry]
    if refactored:
        cwd = workspace.map_path(cwd)
        command = [_mapped(workspace, argument) for argument in command]
        python_path = [_mapped(workspace, entry) for entry in python_path]
    environment = probe_environment(invocation.environment, probes,
                                    workspace.probe_targets(refactored), logs / "records",
                                    python_path)
    return run_command(command, cwd, environment, logs, invocation.timeout)


def _mapped(workspace: Workspace, argument: str) -> str:
    """Absolute paths into the project point into the copy; anything else stays."""
    if not os.path.isabs(argument):
        return argument
    real = Path(os.path.realpath(argument))
    mapped = workspace.map_path(real)
    return argument if mapped == real else str(mapped)


def _function(target: Target, verdict: Verdict, original: CommandRun,
              refactored: CommandRun) -> FunctionValidation:
    before = original.records.get(target.qualified_name, FunctionRecord())
    after = refactored.records.get(target.qualified_name, FunctionRecord())
    eager, hybrid = (before, after) if target.transformation is Transformation.CONVERT_TO_HYBRID \
        else (after, before)
    return FunctionValidation(target.qualified_name, target.transformation, before.call_count,
                              after.call_count, hybrid.traced_bodies, verdict,
                              eager.eager_seconds, hybrid.eager_seconds,
                              _steady_speedup(eager, hybrid))


def _steady_speedup(eager: FunctionRecord, hybrid: FunctionRecord) -> float | None:
    """Eager over graph time, over the calls (paired in order) that did not trace."""
    before, after = eager.eager_calls, hybrid.eager_calls
    if len(before) != len(after):
        return None
    pairs = [(ours.seconds, theirs.seconds) for ours, theirs in zip(before, after, strict=False)
             if not theirs.traced]
    return ratio(sum(pair[0] for pair in pairs), sum(pair[1] for pair in pairs)) if pairs else None
