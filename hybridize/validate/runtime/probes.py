"""Records every call of a target function: its time, its outputs and its traces.

Two wrappers per target: `CallProbe` (outermost decorator) sees each call from Python,
`body` (innermost) sees each execution of the Python body; under `tf.function` the body
runs only while tracing, so its count is the number of traces.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from .summary import summarize

#: Calls recorded per function; later ones are only counted (`dropped`).
_MAX_CALLS = 5000
_MAX_ERRORS = 20


def not_converted(function: Callable) -> Callable:
    """AutoGraph calls functions with this marker as they are (what `do_not_convert` sets)."""
    function.autograph_info__ = frozenset()  # type: ignore[attr-defined]
    return function


@dataclass
class FunctionRecord:
    calls: list[dict[str, Any]] = field(default_factory=list)
    dropped: int = 0
    bodies: int = 0
    traced_bodies: int = 0
    trace_errors: list[str] = field(default_factory=list)


class Recorder:
    """The records of one process, written to a file of their own at exit."""

    def __init__(self) -> None:
        self.functions: dict[str, FunctionRecord] = {}
        self._stack = threading.local()
        self._output: str | None = None
        self._started = time.time()

    def start(self, output: str) -> None:
        self._output = output
        atexit.register(self.write)

    def of(self, name: str) -> FunctionRecord:
        record = self.functions.get(name)
        if record is None:
            record = self.functions[name] = FunctionRecord()
        return record

    def stack(self) -> list[str]:
        if not hasattr(self._stack, "names"):
            self._stack.names = []
        return self._stack.names

    def write(self) -> None:
        if self._output is None or not self.functions:
            return
        document = {"pid": os.getpid(), "argv": list(sys.argv), "started": self._started,
                    "functions": {name: asdict(record) for name, record in self.functions.items()}}
        path = os.path.join(self._output, f"{os.getpid()}-{time.time_ns()}.json")
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(document, stream)


RECORDER = Recorder()


@not_converted
def executing_eagerly() -> bool:
    tensorflow = sys.modules.get("tensorflow")
    check = getattr(tensorflow, "executing_eagerly", None)
    return True if check is None else bool(check())


def describe(error: BaseException) -> str:
    """One line: TensorFlow wraps errors raised while tracing in a page whose last line is
    the original message."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    message = lines[-1] if lines else ""
    prefix = f"{type(error).__name__}: "
    return (message if message.startswith(prefix) else prefix + message)[:300]


@dataclass
class _Call:
    name: str
    eager: bool
    inside: str | None
    start: float
    #: Traces of the function so far: a call that adds one traced.
    traces: int


@not_converted
def _begin(name: str) -> _Call:
    stack = RECORDER.stack()
    traces = RECORDER.of(name).traced_bodies
    call = _Call(name, executing_eagerly(), stack[-1] if stack else None, 0.0, traces)
    stack.append(name)
    call.start = time.perf_counter()
    return call


@not_converted
def _end(call: _Call, result: Any = None, error: BaseException | None = None) -> None:
    seconds = time.perf_counter() - call.start  # before summarising: not the probe's time
    RECORDER.stack().pop()
    record = RECORDER.of(call.name)
    if len(record.calls) >= _MAX_CALLS:
        record.dropped += 1
        return
    entry: dict[str, Any] = {"eager": call.eager, "seconds": seconds, "inside": call.inside,
                             "traced": record.traced_bodies > call.traces}
    if error is not None:
        entry["raised"] = describe(error)
    else:
        entry["output"] = summarize(result)
    record.calls.append(entry)


class CallProbe:
    """Stands in for a target (or the `tf.function` made of it) and records every call."""

    def __init__(self, function: Callable, name: str) -> None:
        self.__wrapped__ = function
        self._probe_name = name

    def __getattr__(self, attribute: str) -> Any:
        if attribute == "__wrapped__":  # not set yet (copy, pickle): no recursion
            raise AttributeError(attribute)
        return getattr(self.__wrapped__, attribute)

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        bind = getattr(type(self.__wrapped__), "__get__", None)
        if instance is None or bind is None:
            return self
        return CallProbe(bind(self.__wrapped__, instance, owner), self._probe_name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        call = _begin(self._probe_name)
        try:
            result = self.__wrapped__(*args, **kwargs)
        except Exception as error:
            _end(call, error=error)
            raise
        except BaseException:  # KeyboardInterrupt, SystemExit: not an outcome of the function
            RECORDER.stack().pop()
            raise
        _end(call, result=result)
        return result


def calls(name: str) -> Callable[[Callable], CallProbe]:
    """The outermost decorator added to a target."""
    return lambda function: CallProbe(function, name)


@not_converted
def _body_started(name: str) -> None:
    record = RECORDER.of(name)
    record.bodies += 1
    if not executing_eagerly():
        record.traced_bodies += 1


@not_converted
def _body_failed(name: str, error: Exception) -> None:
    record = RECORDER.of(name)
    if not executing_eagerly() and len(record.trace_errors) < _MAX_ERRORS:
        record.trace_errors.append(describe(error))


def body(name: str) -> Callable[[Callable], Callable]:
    """The innermost decorator added to a target: counts executions of its Python body."""

    def decorate(function: Callable) -> Callable:
        def probe_body(*args: Any, **kwargs: Any) -> Any:
            _body_started(name)
            try:
                # Through the attribute: AutoGraph puts its conversion there (tf_decorator.rewrap).
                return probe_body.__wrapped__(*args, **kwargs)  # type: ignore[attr-defined]
            except Exception as error:
                _body_failed(name, error)
                raise

        return _as_decorator(function, probe_body)

    return decorate


def _as_decorator(function: Callable, wrapper: Callable) -> Callable:
    """`wrapper` around `function` in a way AutoGraph can see through (when TF is loaded)."""
    if "tensorflow" in sys.modules:
        from tensorflow.python.util import tf_decorator

        return tf_decorator.make_decorator(function, wrapper)
    import functools

    return functools.update_wrapper(wrapper, function)
