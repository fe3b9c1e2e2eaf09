"""Every switch that changes results. Reported verbatim in the report's ``settings``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class AnalysisSettings:
    #: Decide what static analysis cannot (framework-called functions, no call sites) from
    #: type hints and naming conventions, listing every such decision in ``assumptions``.
    speculative: bool = True
    #: Let parameter type hints (``x: tf.Tensor``) count as evidence.
    type_hints: bool = True
    #: Call-graph context sensitivity (see hybridize.frontend).
    context: str = "default"
    #: Seconds a context-sensitive pointer analysis may run before the call graph is built
    #: context-insensitively instead (0: no limit). The report's notes say when it happened.
    call_graph_budget_s: float = 120.0
    #: Maximum JVM heap, e.g. "4g".
    jvm_heap: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
