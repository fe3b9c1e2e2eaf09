"""Every switch that changes results. The report's ``settings`` echo them as the analysis
used them: defaults resolved (``resolved``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any


@dataclass(frozen=True)
class AnalysisSettings:
    #: Decide what static analysis cannot (framework-called functions, no call sites) from
    #: type hints and naming conventions, listing every such decision in ``assumptions``.
    speculative: bool = True
    #: Let parameter type hints (``x: tf.Tensor``) count as evidence.
    type_hints: bool = True
    #: Call-graph context sensitivity (see hybridize.frontend); "default": the front end's.
    #: When a 1-CFA analysis runs past its budget the graph is 0-CFA; the notes say so.
    context: str = "default"
    #: Seconds a context-sensitive pointer analysis may run before the call graph is built
    #: context-insensitively instead (0: no limit). The report's notes say when it happened.
    call_graph_budget_s: float = 120.0
    #: Maximum JVM heap, e.g. "4g"; None: ``$HYBRIDIZE_JVM_HEAP`` or the default.
    jvm_heap: str | None = None
    #: Globs of files and directories not analysed (``hybridize.project.PathFilter``).
    exclude: tuple[str, ...] = ()
    #: Failure kinds, codes and rule names that do not block (``hybridize.ignores``).
    ignore: tuple[str, ...] = ()
    #: The ``pyproject.toml`` these settings were read from, if any.
    config: str | None = None
    #: The TensorFlow version the project's configuration targets (not used yet).
    tensorflow_target: str | None = None

    def resolved(self) -> AnalysisSettings:
        """These settings with every default made explicit: the values the analysis uses.
        Raises JvmError for a heap size the JVM cannot use."""
        from hybridize import jvm
        from hybridize.frontend.wala import CallGraphSettings

        context = CallGraphSettings().context if self.context == "default" else self.context
        return replace(self, context=context, jvm_heap=jvm.resolve_options(self.jvm_heap).heap)

    def to_json(self) -> dict[str, Any]:
        settings = asdict(self)
        # The contract's shape for the TensorFlow target; Keras' generation is not decided yet.
        target = settings.pop("tensorflow_target")
        settings["tensorflow"] = {"version": target, "keras": None,
                                  "source": "pyproject.toml" if target else "default"}
        settings["exclude"], settings["ignore"] = list(self.exclude), list(self.ignore)
        return settings
