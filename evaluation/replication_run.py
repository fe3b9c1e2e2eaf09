"""One project of a replication run: ``python -m hybridize analyze --format json`` in a child
process (its own JVM) under a time and a memory limit, its outcome cached as one JSON file.

Runs inside a Dask worker; the result file is written atomically, so an interrupted run
leaves either a finished result or none, and a second run skips what is finished.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

#: How often the child's memory is measured (seconds).
POLL_S = 0.2
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)([kmgt]?)b?$", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    #: Wall-clock seconds for one project (None: unlimited).
    timeout_s: float | None = None
    #: Resident memory of the child and its descendants, in bytes (None: unlimited).
    memory_bytes: int | None = None
    #: --jvm-heap for the analysis (None: hybridize's default).
    jvm_heap: str | None = None


def parse_size(text: str) -> int:
    """``"512m"``, ``"6g"``, ``"1.5G"`` -> bytes."""
    match = _SIZE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a size such as 512m or 6g")
    return int(float(match.group(1)) * 1024 ** "bkmgt".index(match.group(2).lower() or "b"))


def cache_path(out: Path, project: Path) -> Path:
    """Where a project's outcome is kept: its name and a digest of its absolute path."""
    digest = hashlib.sha1(str(project.resolve()).encode()).hexdigest()[:8]
    return out / "projects" / f"{project.name}-{digest}.json"


def count_kloc(project: Path) -> float:
    """Thousands of non-blank lines in the project's Python files, as hybridize finds them."""
    from hybridize.parse.project import discover

    lines = 0
    for source in discover(project):
        with open(source.path, "rb") as handle:
            lines += sum(1 for line in handle if line.strip())
    return lines / 1000


def _tree_rss(process: Any) -> int:
    import psutil

    try:
        family = [process, *process.children(recursive=True)]
        return sum(p.memory_info().rss for p in family if p.is_running())
    except psutil.Error:
        return 0


def _kill_tree(process: Any) -> None:
    import psutil

    for child in process.children(recursive=True):
        try:
            child.kill()
        except psutil.Error:
            pass
    process.kill()


def _supervise(command: list[str], stdout: Any, stderr: Any,
               limits: Limits) -> tuple[str, int, int | None]:
    """Runs ``command``; returns (status, peak resident bytes, exit code or None)."""
    import psutil

    began = time.monotonic()
    # Files, not pipes: a chatty child never blocks on a full pipe while it is watched.
    process = psutil.Popen(command, stdout=stdout, stderr=stderr)
    peak, status = 0, "done"
    while process.poll() is None:
        peak = max(peak, _tree_rss(process))
        if limits.memory_bytes is not None and peak > limits.memory_bytes:
            status = "memory"
        elif limits.timeout_s is not None and time.monotonic() - began > limits.timeout_s:
            status = "timeout"
        if status != "done":
            _kill_tree(process)
            process.wait()
            return status, peak, None
        time.sleep(POLL_S)
    return status, peak, process.returncode


def _run(project: Path, limits: Limits) -> dict[str, Any]:
    command = [sys.executable, "-m", "hybridize", "analyze", str(project), "--format", "json"]
    if limits.jvm_heap:
        command += ["--jvm-heap", limits.jvm_heap]
    began = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        status, peak, code = _supervise(command, stdout, stderr, limits)
        stdout.seek(0), stderr.seek(0)
        text, errors = stdout.read(), stderr.read()
    outcome: dict[str, Any] = {"status": status, "exit": code,
                               "seconds": round(time.perf_counter() - began, 2),
                               "peak_rss_mb": round(peak / 2 ** 20, 1), "report": None,
                               "stderr": errors[-2000:]}
    if status == "done" and code in (0, 1) and text:
        outcome["report"] = json.loads(text)
        outcome["status"] = "ok"
    elif status == "done":
        outcome["status"] = "error"
    return outcome


def analyse_project(project: str, out: str, limits: Limits) -> dict[str, Any]:
    """Analyses one project unless its outcome is cached; returns the outcome."""
    path, cache = Path(project), cache_path(Path(out), Path(project))
    if cache.exists():
        return dict(json.loads(cache.read_text(encoding="utf-8")), cached=True)
    outcome = {"project": path.name, "path": str(path.resolve()), "kloc": count_kloc(path),
               "limits": asdict(limits), **_run(path, limits)}
    cache.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache.parent,
                                     delete=False, suffix=".part") as handle:
        json.dump(outcome, handle, indent=1)
    os.replace(handle.name, cache)
    return dict(outcome, cached=False)
