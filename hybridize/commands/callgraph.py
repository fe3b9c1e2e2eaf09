"""`hybridize callgraph`: print the call graph the analysis uses (WALA's), as JSON or dot.

JSON follows shared/design/output-contract.md ("The call graph"): ``nodes`` (every project
function and module with file and line), ``edges`` (caller, callee, call-site file and line;
library callees by dotted API name) and ``errors``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from hybridize.bridge import jvm
from hybridize.bridge.wala import CONTEXTS, AnalysisError, CallGraphSettings, WalaProject
from hybridize.commands.analysis import Progress
from hybridize.commands.output import write_output
from hybridize.parse.project import ProjectError, load_project

EXIT_OK = 0
EXIT_FAILED = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="project directory or .py file")
    parser.add_argument("--format", choices=("json", "dot"), default="json", help="output format")
    parser.add_argument("--output", metavar="FILE", type=Path, help="write here instead of stdout")
    parser.add_argument(
        "--context",
        choices=CONTEXTS,
        default=CallGraphSettings().context,
        help="context sensitivity of the pointer analysis (default: %(default)s)",
    )
    parser.add_argument(
        "--jvm-heap",
        metavar="SIZE",
        help=f"maximum JVM heap, e.g. 8g (default: ${jvm.HEAP_ENV} or {jvm.DEFAULT_HEAP})",
    )


def callgraph_document(project: WalaProject) -> dict[str, Any]:
    """The contract's JSON document for a built project."""
    return {
        "nodes": [
            {"qualified_name": f.qualified_name, "file": f.file, "line": f.line}
            for f in project.functions
        ],
        "edges": [
            {"caller": e.caller, "callee": e.callee, "file": e.file, "line": e.line}
            for e in project.edges
        ],
        "errors": [
            {"file": e.file, "line": e.line, "message": e.message} for e in project.errors
        ],
    }


def _dot_id(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(document: dict[str, Any]) -> str:
    """Graphviz rendering: project functions as boxes, library callees as ellipses."""
    project = {n["qualified_name"] for n in document["nodes"]}
    lines = ["digraph callgraph {", "  node [shape=box];"]
    for name in sorted(project):
        lines.append(f"  {_dot_id(name)};")
    for callee in sorted({e["callee"] for e in document["edges"]} - project):
        lines.append(f"  {_dot_id(callee)} [shape=ellipse, style=dashed];")
    seen: set[tuple[str, str]] = set()
    for e in document["edges"]:
        key = (e["caller"], e["callee"])
        if key not in seen:
            seen.add(key)
            lines.append(f"  {_dot_id(e['caller'])} -> {_dot_id(e['callee'])};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def run_callgraph(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    progress = Progress(err)
    try:
        sources = load_project(args.path, progress)
        project = WalaProject.build(sources, CallGraphSettings(context=args.context),
                                    heap=args.jvm_heap, progress=progress)
    except (ProjectError, jvm.JvmError, AnalysisError) as exc:
        print(f"hybridize: {exc}", file=err)
        return EXIT_FAILED
    if project.context != project.settings.context:
        print(f"hybridize: note: the {project.settings.context} pointer analysis ran "
              f"past its {project.settings.budget_seconds:g} s budget; this graph was built "
              f"with {project.context}", file=err)
    document = callgraph_document(project)
    document["context"] = project.context
    text = to_dot(document) if args.format == "dot" else json.dumps(document, indent=2) + "\n"
    write_output(text, args.output, out)
    return EXIT_OK
