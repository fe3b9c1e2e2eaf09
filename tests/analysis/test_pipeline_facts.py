"""How front-end facts shape the attributes: WALA mod-ref decides side effects, and a
construct the front end only approximated makes just the code that holds it undetermined."""

from __future__ import annotations

from pathlib import Path

import pytest

from hybridize.analysis import infer
from hybridize.analysis.approximations import approximated_functions
from hybridize.analysis.infer import infer_attributes
from hybridize.analyze import analyze_path
from hybridize.bridge.wala import WalaProject
from hybridize.parse.functions import module_functions
from hybridize.parse.project import load_project
from hybridize.report import FunctionReport
from hybridize.settings import AnalysisSettings

FIXTURES = Path(__file__).parent / "pipeline_fixtures"


def _functions(case: str) -> dict[str, FunctionReport]:
    report = analyze_path(FIXTURES / case, AnalysisSettings(), infer=infer_attributes)
    return {fn.qualified_name: fn for fn in report.functions}


def test_modref_sees_a_list_allocated_by_a_callee_as_the_functions_own() -> None:
    functions = _functions("modref_decides")
    assert functions["main.fill_own"].python_side_effects is False
    assert functions["main.fill_own"].passing_precondition is not None


def test_without_modref_facts_nothing_is_guessed(monkeypatch) -> None:
    # No second, syntactic analysis stands in for mod-ref: without its facts side effects are
    # undetermined, so the function is not refactorable. The attributes other facts decide
    # still come from them (hybridize.analysis.absent_facts; tests/test_fact_isolation.py).
    monkeypatch.setattr(infer.WalaFacts, "side_effects", lambda self: None)
    fill_own = _functions("modref_decides")["main.fill_own"]
    assert fill_own.python_side_effects is None
    assert "UNDETERMINABLE_SIDE_EFFECTS" in {f.kind.name for f in fill_own.failures}
    assert fill_own.passing_precondition is None and fill_own.transformations == []
    assert fill_own.tensor_parameter is True


def test_del_of_a_global_entry_is_a_write_modref_sees() -> None:
    project = WalaProject.build(load_project(FIXTURES / "modref_decides"))
    assert [(e.file, e.line) for e in project.side_effects()["main.drop"]] == [("main.py", 17)]
    drop = _functions("modref_decides")["main.drop"]
    assert drop.python_side_effects is True
    [failure] = [f for f in drop.failures if f.kind.name == "HAS_PYTHON_SIDE_EFFECTS"]
    assert [(e.file, e.line) for e in failure.evidence] == [("main.py", 17)]


def test_unresolved_class_base_makes_only_that_class_undetermined() -> None:
    functions = _functions("approximated_class")
    forward = functions["main.Net.forward"]
    assert (forward.tensor_parameter, forward.python_side_effects, forward.recursive) == (
        None, None, None)
    clean = functions["main.clean"]
    assert (clean.tensor_parameter, clean.python_side_effects, clean.recursive) == (
        True, False, False)
    # main calls into the undetermined method: only a proven effect could count there.
    assert functions["main.main"].python_side_effects is None


@pytest.mark.parametrize(("line", "expected"), [
    (3, set()),                               # module level: no function's own code
    (5, {"m.C.method", "m.C.other"}),         # the class header: every method
    (7, {"m.C.method"}),                      # inside one method
    (12, {"m.outer.inner"}),                  # the innermost function only
    (10, {"m.outer"}),
])
def test_approximation_lines_map_to_the_innermost_code(tmp_path: Path, line: int,
                                                       expected: set[str]) -> None:
    (tmp_path / "m.py").write_text(
        "import os\n"                 # 1
        "\n"                          # 2
        "X = 1\n"                     # 3
        "\n"                          # 4
        "class C(Base):\n"            # 5
        "    def method(self):\n"     # 6
        "        return 1\n"          # 7
        "    def other(self):\n"      # 8
        "        return 2\n"          # 9
        "def outer():\n"              # 10
        "    def inner():\n"          # 11
        "        return 3\n"          # 12
        "    return inner\n",         # 13
        encoding="utf-8")
    sources = load_project(tmp_path)
    functions = [fn for module in sources.modules for fn in module_functions(module)]
    assert approximated_functions(sources, functions, [("m.py", line)]) == expected
