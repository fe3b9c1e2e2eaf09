"""What every analysing command (analyze, apply, explain, validate) shares: its options, the
one function turning them into settings (callgraph reads its call-graph options through it
too), the progress line, and running the analysis."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO, TypeVar

from hybridize.analyze import AttributeInference
from hybridize.bridge import jvm
from hybridize.parse.target import from_option
from hybridize.report import Report
from hybridize.settings import (
    DEFAULT_CALL_GRAPH_WORK,
    DEFAULT_DEADLINE_S,
    DEFAULT_MEMORY_FRACTION,
    AnalysisSettings,
)


class Progress:
    """One self-erasing status line on stderr, only when stderr is a terminal."""

    def __init__(self, stream: TextIO, enabled: bool | None = None) -> None:
        self._stream = stream
        self._enabled = stream.isatty() if enabled is None else enabled

    def __call__(self, done: int, total: int, what: str) -> None:
        if self._enabled:
            count = f"[{done}/{total}] " if total > 1 else ""
            self._stream.write(f"\r\x1b[2K{count}{what[:70]}")
            if done == total:
                self._stream.write("\r\x1b[2K")
            self._stream.flush()


def _non_negative(unit: str) -> Callable[[str], float]:
    """An argparse type: a finite, non-negative number of ``unit``."""
    def convert(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if not 0 <= value < float("inf"):
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of {unit} >= 0")
        return value
    return convert


_seconds = _non_negative("seconds")
_steps = _non_negative("solver steps per IR instruction")


def _fraction(text: str) -> float:
    """An argparse type: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1")
    return value


def _tensorflow_version(text: str) -> str:
    """An argparse type: a TensorFlow version such as 2.15 or 2.9.3."""
    try:
        return from_option(text).version or text
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_call_graph_options(parser: argparse.ArgumentParser) -> None:
    """The options every command building the call graph takes (callgraph too)."""
    parser.add_argument("--jvm-heap", metavar="SIZE",
                        help=f"maximum JVM heap, e.g. 4g (default: ${jvm.HEAP_ENV}, else a "
                             f"third of the machine's memory, at least {jvm.DEFAULT_HEAP} and "
                             f"at most {jvm.MAX_DEFAULT_HEAP_GIB}g)")
    parser.add_argument("--context", choices=("0-cfa", "1-cfa"),
                        help="call-graph context sensitivity (default: 1-cfa)")
    parser.add_argument("--call-graph-budget", metavar="SECONDS", type=_seconds,
                        help="seconds a context-sensitive pointer analysis may run before the "
                             "call graph is built context-insensitively (0: no limit; "
                             "default: 120)")
    parser.add_argument("--call-graph-work", metavar="STEPS", type=_steps,
                        help="solver steps per IR instruction of the project a context-"
                             "sensitive pointer analysis may take before the call graph is "
                             "built context-insensitively; unlike seconds, the same on any "
                             f"machine (0: no limit; default: {DEFAULT_CALL_GRAPH_WORK:g})")
    parser.add_argument("--analysis-deadline", metavar="SECONDS", type=_seconds,
                        help="seconds the whole pointer analysis may take, cheaper fallbacks "
                             "included; past it the report comes from a cheaper analysis and "
                             f"its notes say which (0: no limit; default: "
                             f"{DEFAULT_DEADLINE_S:g})")
    parser.add_argument("--memory-guard", metavar="FRACTION", type=_fraction,
                        help="share of the JVM heap the analysis may keep live before it "
                             "steps down to a cheaper one (0: no guard; default: "
                             f"{DEFAULT_MEMORY_FRACTION:g})")
    parser.add_argument("--exclude", metavar="GLOB", action="append", default=[],
                        help="do not analyse files or directories matching GLOB (repeatable; "
                             "added to the configuration's)")


def add_analysis_options(parser: argparse.ArgumentParser) -> None:
    """The options of the analysing commands (analyze, apply, explain, validate)."""
    add_call_graph_options(parser)
    parser.add_argument("--no-speculative", dest="speculative", action="store_false",
                        help="decide only what static analysis proves; no type-hint or "
                             "naming-convention assumptions")
    parser.add_argument("--no-type-hints", dest="type_hints", action="store_false",
                        help="do not let parameter type hints count as evidence")
    parser.add_argument("--tensorflow", metavar="VERSION", type=_tensorflow_version,
                        help="the TensorFlow version to decide for (2.15 and older: Keras 2); "
                             "default: read from the project's requirements, pyproject.toml, "
                             "setup.py/setup.cfg, Pipfile or environment.yml, else the newest")
    parser.add_argument("--speculative", dest="speculative", action="store_true",
                        help="speculate even when the configuration says not to")
    parser.add_argument("--type-hints", dest="type_hints", action="store_true",
                        help="use type hints even when the configuration says not to")
    # None: not given, so [tool.hybridize] or the default decides.
    parser.set_defaults(speculative=None, type_hints=None)


T = TypeVar("T")


def _first(*values: T | None) -> T:
    """The command line's value, else the configuration's, else the default."""
    return next(value for value in values if value is not None)


def settings_from(args: argparse.Namespace) -> AnalysisSettings:
    """The analysis settings the options ask for, over the project's ``[tool.hybridize]``
    (defaults are resolved by the analysis): the one reading of the options for every command
    (a command without an option gets the configuration's or the default value). Raises
    ConfigError for a bad configuration."""
    from hybridize.parse.config import load_config

    config = load_config(args.path)
    default = AnalysisSettings()
    tensorflow = getattr(args, "tensorflow", None)
    return AnalysisSettings(
        speculative=_first(getattr(args, "speculative", None), config.speculative,
                           default.speculative),
        type_hints=_first(getattr(args, "type_hints", None), config.type_hints,
                          default.type_hints),
        context=_first(args.context, config.context, default.context),
        call_graph_budget_s=_first(args.call_graph_budget, config.call_graph_budget,
                                   default.call_graph_budget_s),
        call_graph_work=_first(args.call_graph_work, config.call_graph_work,
                               default.call_graph_work),
        deadline_s=_first(args.analysis_deadline, config.analysis_deadline, default.deadline_s),
        memory_fraction=_first(args.memory_guard, config.memory_guard, default.memory_fraction),
        jvm_heap=args.jvm_heap or config.jvm_heap,
        exclude=config.exclude + tuple(args.exclude),
        ignore=config.ignore,
        config=str(config.path) if config.path else None,
        tensorflow=tensorflow or config.tensorflow,
        tensorflow_source="--tensorflow" if tensorflow or not config.path
        else config.path.name,
    )


def run_analysis(args: argparse.Namespace, err: TextIO,
                 infer: AttributeInference | None = None) -> Report:
    """The whole analysis for an analysing command, with progress on ``err``."""
    from hybridize.analysis.infer import infer_attributes
    from hybridize.analyze import analyze_path

    return analyze_path(args.path, settings_from(args), infer=infer or infer_attributes,
                        progress=Progress(err))
