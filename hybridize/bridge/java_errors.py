"""What an exception the Java engine threw into Python says, in one line for the report."""

from __future__ import annotations

from hybridize.bridge import jvm


def java_failure(exc: BaseException) -> str | None:
    """``class: message (at frame)`` for an exception thrown on the Java side, the frame being
    the first in our own code (``org.hybridize``); None for a Python exception.

    Running out of heap is no failure of one query: it raises ``AnalysisError`` with the
    message the engine gives it wherever it strikes (``PythonProjectEngine.OUT_OF_MEMORY``).
    """
    import jpype

    from hybridize.bridge.wala import ENGINE_CLASS, AnalysisError

    if not isinstance(exc, jpype.JException):
        return None
    out_of_memory = jvm.jclass("java.lang.OutOfMemoryError")
    cause = exc
    while cause is not None:  # libraries may wrap it in their own exception
        if isinstance(cause, out_of_memory):
            raise AnalysisError(str(jvm.jclass(ENGINE_CLASS).OUT_OF_MEMORY)) from None
        cause = cause.getCause()
    said = f"{exc.getClass().getName()}: {exc.getMessage()}"
    ours = next((frame for frame in exc.getStackTrace()
                 if str(frame.getClassName()).startswith("org.hybridize.")), None)
    return f"{said} (at {ours})" if ours is not None else said
