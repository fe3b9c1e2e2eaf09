"""The analysed project's own configuration: ``[tool.hybridize]`` in its ``pyproject.toml``.

Found like ruff finds its own: the first ``pyproject.toml`` holding a ``[tool.hybridize]``
table, from the analysed path upward. Command-line options override what it says. An unknown
key or a value of the wrong type is a one-line ``ConfigError`` naming near matches.

    [tool.hybridize]
    exclude = ["legacy/*", "*_pb2.py"]
    jvm-heap = "8g"
    context = "0-cfa"
    call-graph-budget = 60
    call-graph-work = 6
    analysis-deadline = 90
    memory-guard = 0.75
    speculative = false
    type-hints = true
    tensorflow = "2.15"
    ignore = ["HAS_PRIMITIVE_PARAMETERS", 4, "eager-only-call"]
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONTEXTS = ("0-cfa", "1-cfa")


class ConfigError(Exception):
    """The configuration file cannot be used; the message is one line."""


@dataclass(frozen=True)
class ProjectConfig:
    """What ``[tool.hybridize]`` says; None (or empty) where it says nothing."""

    #: The file it came from; None when no configuration was found.
    path: Path | None = None
    exclude: tuple[str, ...] = ()
    jvm_heap: str | None = None
    context: str | None = None
    call_graph_budget: float | None = None
    call_graph_work: float | None = None
    analysis_deadline: float | None = None
    memory_guard: float | None = None
    speculative: bool | None = None
    type_hints: bool | None = None
    #: The TensorFlow version the project targets, as written.
    tensorflow: str | None = None
    #: Failure kinds (names or codes) and rule names whose failures do not block.
    ignore: tuple[str, ...] = ()


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _ignore_entries(value: Any) -> tuple[str, ...] | None:
    # Codes may be written as numbers: ``ignore = [4]``.
    if isinstance(value, list) and all(isinstance(v, (str, int)) and not isinstance(v, bool)
                                       for v in value):
        return tuple(str(v) for v in value)
    return None


def _budget(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1e300:
        return float(value)
    return None


def _fraction(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    return None


def _one_of(choices: tuple[str, ...]) -> Any:
    return lambda value: value if value in choices else None


#: key -> (field, converter returning None for a bad value, what a good value is)
_KEYS: dict[str, tuple[str, Any, str]] = {
    "exclude": ("exclude", _strings, "a list of glob strings"),
    "jvm-heap": ("jvm_heap", lambda v: v if isinstance(v, str) else None, "a size string"),
    "context": ("context", _one_of(CONTEXTS), "one of " + ", ".join(CONTEXTS)),
    "call-graph-budget": ("call_graph_budget", _budget, "a number of seconds >= 0"),
    "call-graph-work": ("call_graph_work", _budget,
                        "a number of solver steps per IR instruction >= 0"),
    "analysis-deadline": ("analysis_deadline", _budget, "a number of seconds >= 0"),
    "memory-guard": ("memory_guard", _fraction, "a number from 0 to 1"),
    "speculative": ("speculative", lambda v: v if isinstance(v, bool) else None, "true or false"),
    "type-hints": ("type_hints", lambda v: v if isinstance(v, bool) else None, "true or false"),
    "tensorflow": ("tensorflow", lambda v: v if isinstance(v, str) and _is_version(v) else None,
                   "a TensorFlow version string such as \"2.15\""),
    "ignore": ("ignore", _ignore_entries, "a list of failure kinds, codes or rule names"),
}


def _is_version(text: str) -> bool:
    from hybridize.parse.target import from_option

    try:
        from_option(text)
    except ValueError:
        return False
    return True


def near_matches(word: str, choices: list[str]) -> str:
    """`` (did you mean 'a' or 'b'?)`` or nothing."""
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _table(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    table = document.get("tool", {}).get("hybridize")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.hybridize] must be a table")
    return table


def find_config(start: Path) -> Path | None:
    """The first ``pyproject.toml`` with a ``[tool.hybridize]`` table, from ``start`` up."""
    here = start.resolve()
    here = here if here.is_dir() else here.parent
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _table(candidate) is not None:
            return candidate
    return None


def parse_table(table: dict[str, Any], path: Path) -> ProjectConfig:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: [tool.hybridize]: unknown key {key!r}"
                              f"{near_matches(key, list(_KEYS))}")
        field_name, convert, expected = _KEYS[key]
        converted = convert(value)
        if converted is None:
            raise ConfigError(f"{path}: [tool.hybridize]: {key} must be {expected}, "
                              f"not {value!r}")
        values[field_name] = converted
    from hybridize.verdicts.ignores import check_names

    try:
        check_names(values.get("ignore", ()))
    except ConfigError as exc:
        raise ConfigError(f"{path}: [tool.hybridize]: {exc}") from None
    return ProjectConfig(path=path, **values)


def load_config(start: Path) -> ProjectConfig:
    """The configuration governing ``start`` (a project directory or file); empty if none."""
    path = find_config(start)
    if path is None:
        return ProjectConfig()
    return parse_table(_table(path) or {}, path)
