"""End to end, `python -m hybridize analyze` on a project whose every function is nested,
duplicated or unreachable: each is reported once, under its own name, with attributes WALA's
facts decided or null (no call-graph node) with the matching UNDETERMINABLE_* failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_contract import check_report
from test_cli import _cli_subprocess, write

from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project

SOURCE = """import sys

if sys.version_info >= (3, 8):
    def pick(n):
        return n * 2
else:
    def pick(n):
        return n * 3


def outer(count):
    class Local:
        def grow(self, k):
            return k + 1

        class Inner:
            def shrink(self, k):
                return k - 1

    def helper(k):
        return Local().grow(k) + Local.Inner().shrink(k)

    return helper(count)


def never(count):
    def hidden(k):
        return k

    class Ghost:
        def haunt(self, k):
            return k

    return count


class Table:
    class Row:
        def width(self, cells):
            return cells

    def size(self, rows):
        return self.Row().width(rows)


pick(3)
outer(4)
Table().size(5)
"""

ATTRIBUTES = ("tensor_parameter", "primitive_parameter", "python_side_effects", "recursive")
UNDETERMINED = {"UNDETERMINABLE_TENSOR_PARAMETER", "UNDETERMINABLE_PRIMITIVE_PARAMETER",
                "UNDETERMINABLE_SIDE_EFFECTS", "CANT_APPROXIMATE_RECURSION"}


@pytest.mark.jvm
def test_every_definition_is_reported_distinctly_decided_or_null(tmp_path: Path) -> None:
    project = write(tmp_path / "p", {"m.py": SOURCE})
    done = _cli_subprocess("analyze", str(project), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    check_report(report)
    reported = {fn["qualified_name"]: fn for fn in report["functions"]}
    # One entry per def, named as the parser names it (the second `pick` by its line).
    parsed = [fn.qualified_name for m in load_project(project).modules
              for fn in module_functions(m)]
    assert sorted(reported) == sorted(parsed) and len(parsed) == len(report["functions"])
    assert {"m.pick", "m.pick@7", "m.outer.Local.Inner.shrink", "m.Table.Row.width"} <= set(parsed)
    unreachable = {"m.never.hidden", "m.never.Ghost.haunt"}
    for name, fn in reported.items():
        values = [fn[a] for a in ATTRIBUTES]
        failures = {f["kind"] for f in fn["failures"]}
        if name in unreachable:
            assert values == [None] * 4, name
            assert UNDETERMINED <= failures, (name, failures)
        else:
            # Reached: every attribute decided from WALA's facts (a method of a class nested
            # in a class or in a function included).
            assert all(isinstance(v, bool) for v in values), (name, values)
            assert not failures & UNDETERMINED, (name, failures)
    # Methods of nested classes are reached through their own call-graph nodes.
    assert reported["m.Table.Row.width"]["primitive_parameter"] is True
    assert reported["m.outer.Local.Inner.shrink"]["primitive_parameter"] is True
