"""Runs the user's command once, instrumented, in a child process group; times it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hybridize.validate.model import RunResult
from hybridize.validate.records import FunctionRecord, load_records

_TAIL_LINES = 20


class CommandError(Exception):
    """The command could not be started at all (not found, not executable)."""


@dataclass(frozen=True)
class CommandRun:
    result: RunResult
    records: dict[str, FunctionRecord]
    #: The last lines the command wrote to stderr, for a person when it failed.
    stderr_tail: str


def run_command(
    command: Sequence[str],
    cwd: Path,
    environment: Mapping[str, str],
    logs: Path,
    timeout: float | None,
) -> CommandRun:
    """Run `command`; its output goes to files under `logs`, its records to `logs/records`."""
    records = logs / "records"
    records.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = logs / "stdout.txt", logs / "stderr.txt"
    with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
        start = time.perf_counter()
        try:
            process = subprocess.Popen(list(command), cwd=cwd, env=dict(environment),
                                       stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                                       start_new_session=True)
        except OSError as error:
            raise CommandError(f"cannot run {command[0]!r}: {error.strerror or error}") from error
        exit_code = _wait(process, timeout)
        seconds = time.perf_counter() - start
    tail = stderr_path.read_text(encoding="utf-8", errors="replace").splitlines()[-_TAIL_LINES:]
    return CommandRun(RunResult(exit_code, seconds), load_records(records), "\n".join(tail))


def _wait(process: subprocess.Popen, timeout: float | None) -> int | None:
    """The exit status, or None after stopping the whole process group at the time limit."""
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None
    except BaseException:  # interrupted: leave no orphans behind
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
