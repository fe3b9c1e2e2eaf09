"""One reading of the command line into settings, for every command that analyses.

``hybridize.commands.analysis.settings_from`` turns the parsed options (over the project's
``[tool.hybridize]``) into ``AnalysisSettings``; analyze, apply, explain and validate take the
same options and get the same settings, and callgraph gets the same call-graph settings.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_cli import write

from hybridize.cli import build_parser, main
from hybridize.commands.analysis import settings_from

#: Every option that changes what the analysis finds, set away from its default.
ANALYSING = ("--context", "0-cfa", "--no-type-hints", "--no-speculative",
             "--call-graph-budget", "7", "--exclude", "generated/*", "--tensorflow", "2.15",
             "--jvm-heap", "2g")
CALL_GRAPH = ("--context", "0-cfa", "--call-graph-budget", "7", "--exclude", "generated/*",
              "--jvm-heap", "2g")


def _settings(tmp_path: Path, *argv: str):
    return settings_from(build_parser().parse_args(argv))


def test_every_analysing_command_reads_the_options_alike(tmp_path: Path) -> None:
    path = str(tmp_path)
    analyze = _settings(tmp_path, "analyze", path, *ANALYSING)
    assert (analyze.context, analyze.type_hints, analyze.speculative, analyze.call_graph_budget_s,
            analyze.exclude, analyze.tensorflow, analyze.jvm_heap) == (
        "0-cfa", False, False, 7.0, ("generated/*",), "2.15", "2g")
    assert _settings(tmp_path, "explain", path, "m.f", *ANALYSING) == analyze
    assert _settings(tmp_path, "apply", path, *ANALYSING) == analyze
    assert _settings(tmp_path, "validate", path, *ANALYSING, "--", "true") == analyze
    callgraph = _settings(tmp_path, "callgraph", path, *CALL_GRAPH)
    assert callgraph.call_graph() == analyze.call_graph()
    assert (callgraph.exclude, callgraph.jvm_heap) == (analyze.exclude, analyze.jvm_heap)


def test_every_command_reads_the_configuration_alike(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.hybridize]\ncontext = \"0-cfa\"\n"
                                       "type-hints = false\ncall-graph-budget = 9\n"
                                       "exclude = [\"gen\"]\n"})
    analyze = _settings(tmp_path, "analyze", str(tmp_path))
    assert (analyze.context, analyze.type_hints, analyze.call_graph_budget_s,
            analyze.exclude) == ("0-cfa", False, 9.0, ("gen",))
    assert _settings(tmp_path, "explain", str(tmp_path), "m.f") == analyze
    assert _settings(tmp_path, "callgraph", str(tmp_path)).call_graph() == analyze.call_graph()


@pytest.mark.jvm
def test_callgraph_honours_the_configuration_s_exclude(tmp_path: Path) -> None:
    project = write(tmp_path, {"pyproject.toml": "[tool.hybridize]\nexclude = [\"gen\"]\n",
                               "m.py": "def f(x):\n    return x\n\nf(1)\n",
                               "gen/g.py": "def g(x):\n    return x\n"})
    out, err = io.StringIO(), io.StringIO()
    assert main(["callgraph", str(project), "--context", "0-cfa"], out=out, err=err) == 0, err
    document = json.loads(out.getvalue())
    names = json.dumps(document)
    assert document["context"] == "0-cfa"
    assert "m.f" in names and "g.g" not in names
