"""Compares a function's calls in the original and the refactored run: one `Verdict`.

Calls made from Python are paired in order and their outputs compared (structure, dtypes,
shapes, values within the tolerance). A run that reached the function only while tracing an
enclosing graph has symbolic outputs: then structure, dtypes and known dimensions are all
there is to compare, and the function is only as good as the graphs it ran in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hybridize.validate.model import Evidence, Outcome, Tolerance, Verdict
from hybridize.validate.records import Call, FunctionRecord

Summary = dict[str, Any]


def judge(original: FunctionRecord, refactored: FunctionRecord, tolerance: Tolerance) -> Verdict:
    if not original.call_count and not refactored.call_count:
        return Verdict(Outcome.NOT_CALLED)
    if refactored.raised and not original.raised:
        return Verdict(Outcome.RAISE, _first_raise(refactored))
    before, after = original.eager_calls, refactored.eager_calls
    if before and after:
        return _pairwise(before, after, tolerance)
    if original.calls and refactored.calls:
        return _compatible(original.calls, refactored.calls, tolerance)
    return Verdict(Outcome.DIVERGE, f"called {original.call_count} time(s) originally, "
                                    f"{refactored.call_count} after refactoring")


def _first_raise(record: FunctionRecord) -> str:
    if record.trace_errors:
        return f"raised while tracing: {record.trace_errors[0]}"
    index, call = next((i, call) for i, call in enumerate(record.calls) if call.raised)
    return f"call {index + 1} raised {call.raised}"


def _pairwise(before: tuple[Call, ...], after: tuple[Call, ...], tolerance: Tolerance) -> Verdict:
    if len(before) != len(after):
        return Verdict(Outcome.DIVERGE, f"called {len(before)} time(s) from Python originally, "
                                        f"{len(after)} after refactoring", Evidence.VALUES)
    for index, (ours, theirs) in enumerate(zip(before, after, strict=False), start=1):
        if theirs.raised and not ours.raised:
            return Verdict(Outcome.RAISE, f"call {index} raised {theirs.raised}", Evidence.VALUES)
        if ours.raised or theirs.raised:
            same = ours.raised and theirs.raised and _kind(ours.raised) == _kind(theirs.raised)
            if not same:
                return Verdict(Outcome.DIVERGE, f"call {index}: raised {ours.raised}, now "
                                                f"{theirs.raised or 'returns'}", Evidence.VALUES)
            continue
        problem = difference(ours.output, theirs.output, tolerance)
        if problem is not None:
            return Verdict(Outcome.DIVERGE, f"call {index}: {problem}", Evidence.VALUES)
    return Verdict(Outcome.AGREE, None, Evidence.VALUES)


def _kind(raised: str) -> str:
    return raised.partition(":")[0]


def _compatible(before: tuple[Call, ...], after: tuple[Call, ...], tolerance: Tolerance) -> Verdict:
    """Each refactored output must fit some original output (symbolic: no values)."""
    outputs = [call.output for call in before if call.output is not None]
    for index, call in enumerate(after, start=1):
        if call.output is None:
            continue
        problems = [difference(output, call.output, tolerance) for output in outputs]
        if outputs and all(problems):
            return Verdict(Outcome.DIVERGE, f"call {index}: {problems[0]}", Evidence.SHAPES)
    return Verdict(Outcome.AGREE, None, Evidence.SHAPES)


def blame_enclosing(
    verdicts: dict[str, Verdict], refactored: Mapping[str, FunctionRecord]
) -> dict[str, Verdict]:
    """A function compared by shapes only, because it ran only inside other targets' graphs,
    diverges when one of those graphs does: its own values were never seen."""
    changed = True
    while changed:
        changed = False
        for name, verdict in verdicts.items():
            if verdict.outcome is not Outcome.AGREE or verdict.evidence is not Evidence.SHAPES:
                continue
            record = refactored.get(name, FunctionRecord())
            inside = {call.inside for call in record.calls if not call.eager and call.inside}
            broken = sorted(e for e in inside if e in verdicts and verdicts[e].outcome.is_failure)
            if broken:
                verdicts[name] = Verdict(Outcome.DIVERGE, f"ran only inside {broken[0]}, which "
                                         f"{verdicts[broken[0]].outcome.value}s", Evidence.SHAPES)
                changed = True
    return verdicts


def difference(ours: Summary | None, theirs: Summary | None, tolerance: Tolerance,
               where: str = "output") -> str | None:
    """The first difference between two output summaries, or None when they agree."""
    if ours is None or theirs is None:
        return None if ours is theirs else f"{where}: one run has no output"
    if "tensor" in ours or "tensor" in theirs:
        return _tensor_difference(ours, theirs, tolerance, where)
    if "py" in ours and "py" in theirs:
        return _python_difference(ours, theirs, tolerance, where)
    if "seq" in ours and "seq" in theirs:
        return _sequence_difference(ours, theirs, tolerance, where)
    if "map" in ours and "map" in theirs:
        if sorted(ours["map"]) != sorted(theirs["map"]) or ours["length"] != theirs["length"]:
            return f"{where}: keys {sorted(ours['map'])}, now {sorted(theirs['map'])}"
        return _first(difference(ours["map"][key], theirs["map"][key], tolerance,
                                 f"{where}[{key}]") for key in ours["map"])
    if ours.get("object") is not None and ours.get("object") == theirs.get("object"):
        return None
    return f"{where}: was {_describe(ours)}, now {_describe(theirs)}"


def _first(problems: Any) -> str | None:
    return next((problem for problem in problems if problem is not None), None)


def _describe(summary: Summary) -> str:
    for key in ("tensor", "py", "seq", "object"):
        if key in summary:
            return f"{key} {summary[key]}"
    return "a dict"


def _python_difference(ours: Summary, theirs: Summary, tolerance: Tolerance, where: str) -> str | None:
    if ours["py"] != theirs["py"]:
        return f"{where}: was a {ours['py']}, now a {theirs['py']}"
    a, b = ours["value"], theirs["value"]
    if isinstance(a, float) and isinstance(b, float):
        return None if tolerance.close(b, a) else f"{where}: {a!r}, now {b!r}"
    return None if a == b else f"{where}: {a!r}, now {b!r}"


def _sequence_difference(ours: Summary, theirs: Summary, tolerance: Tolerance,
                         where: str) -> str | None:
    if ours["seq"] != theirs["seq"] or ours["length"] != theirs["length"]:
        return (f"{where}: was a {ours['seq']} of {ours['length']}, now a {theirs['seq']} "
                f"of {theirs['length']}")
    return _first(difference(a, b, tolerance, f"{where}[{index}]")
                  for index, (a, b) in enumerate(zip(ours["items"], theirs["items"], strict=False)))


def _tensor_difference(ours: Summary, theirs: Summary, tolerance: Tolerance,
                       where: str) -> str | None:
    """Tensors, or a tensor and a Python number (tf.function returns numbers as tensors)."""
    ours_tensor, theirs_tensor = _as_tensor(ours), _as_tensor(theirs)
    if ours_tensor is None or theirs_tensor is None:
        return f"{where}: a tensor on one side only"
    ours, theirs = ours_tensor, theirs_tensor
    if ours["tensor"] and theirs["tensor"] and ours["tensor"] != theirs["tensor"]:
        return f"{where}: dtype {ours['tensor']}, now {theirs['tensor']}"
    if not _shapes_fit(ours.get("shape"), theirs.get("shape")):
        return f"{where}: shape {ours.get('shape')}, now {theirs.get('shape')}"
    if "values" not in ours or "values" not in theirs:
        return None  # one side is symbolic
    for index, (a, b) in enumerate(zip(ours["values"], theirs["values"], strict=False)):
        if a != b and not (_is_number(a) and _is_number(b) and tolerance.close(b, a)):
            at = index * ours.get("stride", 1)
            return f"{where}: element {at} was {a!r}, now {b!r}"
    return None


def _as_tensor(summary: Summary) -> Summary | None:
    if "tensor" in summary:
        return summary
    if summary.get("py") in ("int", "float", "bool"):  # no dtype to compare: only the value
        return {"tensor": None, "shape": [], "values": [summary["value"]]}
    return None


def _shapes_fit(ours: list[int | None] | None, theirs: list[int | None] | None) -> bool:
    if ours is None or theirs is None:  # unknown rank fits any shape
        return True
    return len(ours) == len(theirs) and all(
        a is None or b is None or a == b for a, b in zip(ours, theirs, strict=False))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
