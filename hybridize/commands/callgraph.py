"""`hybridize callgraph`: print the call graph the analysis uses (WALA's), as JSON or dot.

Builds the call graph and writes it as ``hybridize.renderers.callgraph`` renders it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from hybridize.analysis.degradation import degradation_notes
from hybridize.bridge import jvm
from hybridize.bridge.wala import AnalysisError, WalaProject
from hybridize.commands.analysis import Progress, add_call_graph_options, settings_from
from hybridize.commands.output import write_output
from hybridize.parse.config import ConfigError
from hybridize.parse.project import ProjectError, load_project
from hybridize.renderers.callgraph import callgraph_document, render_callgraph

EXIT_OK = 0
EXIT_FAILED = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="project directory or .py file")
    parser.add_argument("--format", choices=("json", "dot"), default="json", help="output format")
    parser.add_argument("--output", metavar="FILE", type=Path, help="write here instead of stdout")
    add_call_graph_options(parser)


def run_callgraph(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    progress = Progress(err)
    try:
        # The same reading of options and [tool.hybridize] as the analysing commands.
        settings = settings_from(args)
        sources = load_project(args.path, progress, settings.exclude,
                               Path(settings.config) if settings.config else None)
        project = WalaProject.build(sources, settings.call_graph(), heap=settings.jvm_heap,
                                    progress=progress)
    except (ProjectError, ConfigError, jvm.JvmError, AnalysisError) as exc:
        print(f"hybridize: {exc}", file=err)
        return EXIT_FAILED
    for note in degradation_notes(project.degradation, project.settings):
        print(f"hybridize: note: {note}", file=err)
    document = callgraph_document(project)
    document["context"] = project.context
    write_output(render_callgraph(document, args.format), args.output, out)
    return EXIT_OK
