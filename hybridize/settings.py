"""Every switch that changes results. The report's ``settings`` echo them as the analysis
used them: defaults resolved (``resolved``)."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hybridize.parse.target import DEFAULT, TargetVersion, detect, from_option

#: Seconds the whole pointer analysis may take before the report is built from a cheaper one
#: (``hybridize.bridge.wala.Degradation``); chosen by measurement, see
#: evaluation/results/scale-benchmark.md.
DEFAULT_DEADLINE_S = 300.0
#: Share of the JVM heap that may stay live after a collection before the analysis steps down.
DEFAULT_MEMORY_FRACTION = 0.75
#: Solver steps a 1-CFA pointer analysis may take per IR instruction of the project before the
#: call graph is built with 0-CFA: 2.5 times the most 1-CFA needed on the projects measured
#: (evaluation/results/scale-benchmark.md). Counted in steps, not seconds, so the choice (and
#: the verdicts) do not depend on the machine's load.
DEFAULT_CALL_GRAPH_WORK = 6.0
if TYPE_CHECKING:
    from hybridize.bridge.wala import CallGraphSettings


@dataclass(frozen=True)
class AnalysisSettings:
    #: Decide what static analysis cannot (framework-called functions, no call sites) from
    #: type hints and naming conventions, listing every such decision in ``assumptions``.
    speculative: bool = True
    #: Let parameter type hints (``x: tf.Tensor``) count as evidence.
    type_hints: bool = True
    #: Call-graph context sensitivity (see hybridize.bridge); "default": the front end's.
    #: When a 1-CFA analysis runs past its budget the graph is 0-CFA; the notes say so.
    context: str = "default"
    #: Seconds a context-sensitive pointer analysis may run before the call graph is built
    #: context-insensitively instead (0: no limit). The report's notes say when it happened.
    call_graph_budget_s: float = 120.0
    #: Solver steps per IR instruction a context-sensitive pointer analysis may take before the
    #: call graph is built context-insensitively instead (0: no limit).
    call_graph_work: float = DEFAULT_CALL_GRAPH_WORK
    #: Seconds the whole pointer analysis may take, every cheaper analysis it falls back to
    #: included (0: no limit); past it the report is built from what finished, and says so.
    deadline_s: float = DEFAULT_DEADLINE_S
    #: Share of the JVM heap that may stay live before the analysis steps down (0: no guard).
    memory_fraction: float = DEFAULT_MEMORY_FRACTION
    #: Maximum JVM heap, e.g. "4g"; None: ``$HYBRIDIZE_JVM_HEAP`` or the default.
    jvm_heap: str | None = None
    #: ``--tensorflow``: the TensorFlow version to decide for; None: read it from the project.
    tensorflow: str | None = None
    #: Where ``tensorflow`` was given: "--tensorflow" or the configuration file's name.
    tensorflow_source: str = "--tensorflow"
    #: The TensorFlow/Keras generation the verdicts assume (``hybridize.parse.target``), set by
    #: ``targeting`` once the project is known.
    target: TargetVersion | None = None
    #: Globs of files and directories not analysed (``hybridize.parse.project.PathFilter``).
    exclude: tuple[str, ...] = ()
    #: Failure kinds, codes and rule names that do not block (``hybridize.verdicts.ignores``).
    ignore: tuple[str, ...] = ()
    #: The ``pyproject.toml`` these settings were read from, if any.
    config: str | None = None

    def resolved(self) -> AnalysisSettings:
        """These settings with every default made explicit: the values the analysis uses.
        Raises JvmError for a heap size the JVM cannot use."""
        from hybridize.bridge import jvm
        from hybridize.bridge.wala import CallGraphSettings

        context = CallGraphSettings().context if self.context == "default" else self.context
        return replace(self, context=context, jvm_heap=jvm.resolve_options(self.jvm_heap).heap)

    def call_graph(self) -> CallGraphSettings:
        """The front end's settings for these: the budget, and the context unless "default"
        leaves it to the front end."""
        from hybridize.bridge.wala import CallGraphSettings

        graph = CallGraphSettings(budget_seconds=self.call_graph_budget_s,
                                  steps_per_instruction=self.call_graph_work,
                                  deadline_seconds=self.deadline_s,
                                  memory_fraction=self.memory_fraction)
        return graph if self.context == "default" else replace(graph, context=self.context)

    def targeting(self, root: Path, modules: Iterable[tuple[str, ast.Module]]) -> AnalysisSettings:
        """These settings with the target of the project at ``root`` decided (once)."""
        if self.target is not None:
            return self
        target = (from_option(self.tensorflow, self.tensorflow_source) if self.tensorflow
                  else detect(root, modules))
        return replace(self, target=target)

    def _target(self) -> TargetVersion:
        """The target decided, else what the option alone says (no project known yet)."""
        return self.target or (from_option(self.tensorflow, self.tensorflow_source)
                               if self.tensorflow else DEFAULT)

    @property
    def keras(self) -> int:
        """The Keras generation the verdicts assume."""
        return self._target().keras

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["target"], data["tensorflow_source"]
        # The contract's shape: {"version", "keras", "source"}; the option is its source.
        data["tensorflow"] = self._target().to_json()
        data["exclude"], data["ignore"] = list(self.exclude), list(self.ignore)
        return data
