"""Helpers for front-end tests: fixture projects built with the real JVM and WALA.

Each (fixture, settings) pair is built once per test process.
"""

from __future__ import annotations

from pathlib import Path

from hybridize.bridge.wala import CallGraphSettings, WalaProject
from hybridize.parse.project import load_project
from hybridize.report import Span

FIXTURES = Path(__file__).parent / "fixtures"

_cache: dict[tuple[str, CallGraphSettings], WalaProject] = {}


def build_fixture(name: str, settings: CallGraphSettings = CallGraphSettings()) -> WalaProject:
    key = (name, settings)
    if key not in _cache:
        _cache[key] = WalaProject.build(load_project(FIXTURES / name), settings)
    return _cache[key]


def project_edges(project: WalaProject) -> set[tuple[str, str]]:
    """(caller, callee) pairs between functions and modules of the project itself."""
    names = {f.qualified_name for f in project.functions}
    return {(e.caller, e.callee) for e in project.edges if e.caller in names and e.callee in names}


def span_of(fixture: str, file: str, line: int, code: str) -> Span:
    """The span of ``code``, the only occurrence on ``line`` of a fixture's file (code-point
    columns, end exclusive, as ``hybridize.report.Span``)."""
    text = (FIXTURES / fixture / file).read_text(encoding="utf-8").split("\n")[line - 1]
    assert text.count(code) == 1, f"{code!r} is not once on {file}:{line}"
    column = text.index(code)
    return Span(line, column, line, column + len(code))
