"""The probes' records of one run, read back and merged over the processes it started."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Call:
    #: Called from Python (not while some graph was being traced).
    eager: bool
    seconds: float
    #: The innermost target function this call happened in, if any.
    inside: str | None
    #: The output summary (see runtime/summary.py), or None when it raised.
    output: dict[str, Any] | None
    #: "TypeError: message" when the call raised.
    raised: str | None
    #: The function's Python body was traced during this call.
    traced: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Call:
        return cls(bool(data["eager"]), float(data["seconds"]), data.get("inside"),
                   data.get("output"), data.get("raised"), bool(data.get("traced")))


@dataclass(frozen=True)
class FunctionRecord:
    calls: tuple[Call, ...] = ()
    #: Calls beyond the probes' limit: counted, not recorded.
    dropped: int = 0
    #: Executions of the Python body, and those while tracing.
    bodies: int = 0
    traced_bodies: int = 0
    trace_errors: tuple[str, ...] = ()

    @property
    def eager_calls(self) -> tuple[Call, ...]:
        return tuple(call for call in self.calls if call.eager)

    @property
    def call_count(self) -> int:
        return len(self.calls) + self.dropped

    @property
    def eager_seconds(self) -> float | None:
        eager = self.eager_calls
        return sum(call.seconds for call in eager) if eager else None

    @property
    def raised(self) -> bool:
        return bool(self.trace_errors) or any(call.raised for call in self.calls)

    def merged(self, other: FunctionRecord) -> FunctionRecord:
        return FunctionRecord(self.calls + other.calls, self.dropped + other.dropped,
                              self.bodies + other.bodies, self.traced_bodies + other.traced_bodies,
                              self.trace_errors + other.trace_errors)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FunctionRecord:
        return cls(tuple(Call.from_json(call) for call in data["calls"]), int(data["dropped"]),
                   int(data["bodies"]), int(data["traced_bodies"]), tuple(data["trace_errors"]))


def load_records(directory: Path) -> dict[str, FunctionRecord]:
    """Every process's records, merged in the order the processes started."""
    documents = []
    for path in directory.glob("*.json"):
        try:
            documents.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):  # a process killed while writing: its records are lost
            continue
    merged: dict[str, FunctionRecord] = {}
    for document in sorted(documents, key=lambda document: document["started"]):
        for name, data in document["functions"].items():
            record = FunctionRecord.from_json(data)
            merged[name] = merged[name].merged(record) if name in merged else record
    return merged
