"""The JVM bridge: one JVM per process, started lazily, with WALA and our front end.

JPype cannot restart a JVM in a process, and the JVM uses signals (so pytest runs with
``-p no:faulthandler``). Never fork a process that has started the JVM; use ``spawn``.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

#: The smallest heap used when neither ``--jvm-heap`` nor ``HYBRIDIZE_JVM_HEAP`` says otherwise
#: (``default_heap``): enough for OpenNMT-tf (23 KLOC) and the generated 100 KLOC project.
MIN_DEFAULT_HEAP_GIB = 4
DEFAULT_HEAP = f"{MIN_DEFAULT_HEAP_GIB}g"
#: The share of the machine's memory the default heap takes when that is more than
#: ``DEFAULT_HEAP``, and the most it takes: the analysis' memory grows with the project (the
#: generated 200 KLOC project keeps ~4 GiB live under 1-CFA), the Python side needs its own.
DEFAULT_HEAP_SHARE = 3
MAX_DEFAULT_HEAP_GIB = 16
HEAP_ENV = "HYBRIDIZE_JVM_HEAP"
JARS_ENV = "HYBRIDIZE_JARS"
#: Extra JVM options, whitespace-separated (e.g. for profiling: -XX:StartFlightRecording=...).
JVM_OPTS_ENV = "HYBRIDIZE_JVM_OPTS"
FRONT_END_JAR = "hybridize-wala.jar"
#: Smallest heap accepted: below it the JVM refuses to start (ending the process before any
#: error can be reported) or JPype's own threads run out of memory and hang.
MIN_HEAP_BYTES = 16 * 1024 * 1024
_UNIT_BYTES = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class JvmError(RuntimeError):
    """The JVM could not be started, or not with the options asked for."""


@dataclass(frozen=True)
class JvmOptions:
    heap: str = DEFAULT_HEAP
    jar_dir: Path | None = None


@dataclass(frozen=True)
class JvmInfo:
    options: JvmOptions
    classpath: tuple[str, ...]
    start_seconds: float


_lock = threading.Lock()
_started: JvmInfo | None = None


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def default_jar_dir() -> Path:
    """Where ``scripts/fetch_wala.sh`` puts the jars: ``$HYBRIDIZE_JARS`` or ``build/jars``."""
    env = os.environ.get(JARS_ENV)
    return Path(env) if env else _repo_root() / "build" / "jars"


def machine_memory() -> int | None:
    """Bytes of memory this process may use: the machine's, or its container's limit (cgroup v2
    or v1) when lower; None when unknown."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None
    for limit in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = Path(limit).read_text().strip()
        except OSError:
            continue
        if text.isdigit():
            total = min(total, int(text))
    return total


def default_heap() -> str:
    """``DEFAULT_HEAP``, or a third of the machine's memory in whole GiB when that is more (at
    most ``MAX_DEFAULT_HEAP_GIB``): a larger project gets a complete analysis where memory
    allows, and the memory guard steps down where it does not."""
    memory = machine_memory()
    if memory is None:
        return DEFAULT_HEAP
    gib = memory // DEFAULT_HEAP_SHARE // 1024**3
    return f"{min(max(gib, MIN_DEFAULT_HEAP_GIB), MAX_DEFAULT_HEAP_GIB)}g"


def resolve_options(heap: str | None = None, jar_dir: Path | None = None) -> JvmOptions:
    """Options from explicit arguments, then the environment, then defaults."""
    heap = heap or os.environ.get(HEAP_ENV) or default_heap()
    size = re.fullmatch(r"(\d+)([kKmMgG]?)", heap)
    if size is None:
        raise JvmError(f"invalid JVM heap size {heap!r}: use a size such as 2g or 4096m")
    if int(size[1]) * _UNIT_BYTES[size[2].lower()] < MIN_HEAP_BYTES:
        raise JvmError(f"JVM heap size {heap!r} is too small: the analysis needs at least 16m "
                       f"(--jvm-heap or ${HEAP_ENV})")
    return JvmOptions(heap=heap, jar_dir=jar_dir or default_jar_dir())


def _check_jvm_accepts(heap: str) -> None:
    """Asks a throw-away JVM whether it starts with this heap (e.g. one larger than the
    address space). In this process a refusal would end Python with the JVM's message on
    stdout, so it is found out here first; it costs a few tens of milliseconds."""
    import jpype

    try:
        java = Path(jpype.getDefaultJVMPath()).parents[2] / "bin" / "java"
    except (jpype.JVMNotFoundException, IndexError):
        return  # starting the JVM will say what is missing
    if not java.is_file():
        return  # an unusual JDK layout: let the JVM itself decide
    done = subprocess.run([str(java), f"-Xmx{heap}", "-Xss16m", "-version"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = (done.stdout + done.stderr).strip().splitlines() or ["no reason given"]
        raise JvmError(f"the JVM cannot start with a heap of {heap} ({said[-1]}); choose "
                       f"another size with --jvm-heap or ${HEAP_ENV}")


def _classpath(jar_dir: Path) -> list[str]:
    if not (jar_dir / FRONT_END_JAR).is_file():
        raise JvmError(
            f"the WALA jars are missing in {jar_dir}; build them with: bash scripts/fetch_wala.sh"
        )
    return sorted(str(p) for p in jar_dir.glob("*.jar"))


def start(options: JvmOptions | None = None) -> JvmInfo:
    """Starts the JVM once per process; later calls return the running one.

    Raises JvmError when the jars are missing, or when the JVM is already running with
    other options (a JVM cannot be restarted: restart the Python process or kernel).
    """
    global _started
    options = options or resolve_options()
    with _lock:
        if _started is not None:
            if _started.options != options:
                raise JvmError(
                    f"the JVM is already running with {_started.options}; it cannot be "
                    f"restarted with {options} in this process (restart Python or the kernel)"
                )
            return _started
        import jpype

        if jpype.isJVMStarted():
            raise JvmError("a JVM was started outside hybridize; it cannot be reconfigured")
        assert options.jar_dir is not None
        classpath = _classpath(options.jar_dir)
        _check_jvm_accepts(options.heap)
        began = time.perf_counter()
        try:
            jpype.startJVM(
                f"-Xmx{options.heap}",
                "-Xss16m",  # the IR translator recurses over deep expression trees
                "-Djava.awt.headless=true",
                # JPype asks for a full collection (System.gc) after Python's own collections
                # when Python's memory grew; on a large analysis heap each took seconds, about
                # a tenth of a 100 KLOC build. Ordinary collections still reclaim everything.
                "-XX:+DisableExplicitGC",
                *os.environ.get(JVM_OPTS_ENV, "").split(),
                classpath=classpath,
                convertStrings=False,
            )
        except OSError as exc:  # no JVM shared library found
            raise JvmError(f"could not start the JVM: {exc}. Is a JDK 17+ installed?") from exc
        # Running out of heap is reported by the analysis, in one line; not by helper threads.
        jpype.JClass("org.hybridize.bridge.HelperThreadErrors").install()
        _started = JvmInfo(options, tuple(classpath), time.perf_counter() - began)
        return _started


def running() -> JvmInfo | None:
    return _started


def jclass(name: str):
    """A Java class by its binary name, starting the JVM with default options if needed."""
    import jpype

    if _started is None:
        start()
    return jpype.JClass(name)
