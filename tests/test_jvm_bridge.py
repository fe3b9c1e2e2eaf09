"""The JPype bridge starts a real JVM with WALA's jars and calls our Java code."""

from __future__ import annotations

import pytest

from hybridize.bridge import jvm


def test_java_class_of_ours_runs_with_wala_loaded() -> None:
    health = jvm.jclass("org.hybridize.bridge.Health")
    # AnalysisScope.createJavaAnalysisScope names Primordial, Extension, Application, Synthetic.
    assert health.emptyScopeLoaderCount() == 4
    assert str(health.applicationLoaderName()) == "Application"


def test_start_is_idempotent_and_refuses_other_options() -> None:
    first = jvm.start()
    assert jvm.start() is first
    with pytest.raises(jvm.JvmError, match="cannot be restarted"):
        jvm.start(jvm.JvmOptions(heap="123m", jar_dir=first.options.jar_dir))


def test_missing_jars_name_the_build_command(tmp_path) -> None:
    with pytest.raises(jvm.JvmError, match="scripts/fetch_wala.sh"):
        jvm._classpath(tmp_path)


@pytest.mark.parametrize("heap", ["2g", "4096m", "512M", "1073741824"])
def test_heap_sizes_accepted(heap: str) -> None:
    assert jvm.resolve_options(heap=heap).heap == heap


@pytest.mark.parametrize("heap", ["lots", "4gb", "-1g", ""])
def test_bad_heap_sizes_rejected(heap: str, monkeypatch) -> None:
    monkeypatch.setenv(jvm.HEAP_ENV, heap or "x")
    with pytest.raises(jvm.JvmError, match="invalid JVM heap"):
        jvm.resolve_options(heap=heap or None)


def test_heap_from_environment(monkeypatch) -> None:
    monkeypatch.setenv(jvm.HEAP_ENV, "3g")
    assert jvm.resolve_options().heap == "3g"


_HELPER_THREADS_FAIL = """
import jpype
from hybridize.bridge import jvm

jvm.start()


@jpype.JImplements("java.lang.Runnable")
class Throwing:
    def __init__(self, error):
        self.error = error

    @jpype.JOverride
    def run(self):
        raise self.error


for error in (jpype.JClass("java.lang.OutOfMemoryError")("simulated"),
              jpype.JClass("java.lang.IllegalStateException")("not about memory")):
    thread = jpype.JClass("java.lang.Thread")(Throwing(error), "helper")
    thread.start()
    thread.join()
"""


def test_a_helper_thread_running_out_of_heap_prints_nothing_other_errors_print() -> None:
    # The analysis reports running out of heap in one line; JPype's reference-queue thread
    # hitting the same error must not add a stack trace. A fresh process: the JVM's stderr.
    import subprocess
    import sys
    from pathlib import Path

    done = subprocess.run([sys.executable, "-c", _HELPER_THREADS_FAIL], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parent.parent, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "OutOfMemoryError" not in done.stderr
    assert 'Exception in thread "helper" java.lang.IllegalStateException: not about memory' \
        in done.stderr
