"""The call graph the analysis uses (WALA's) as the JSON of the contract or as Graphviz dot.

JSON follows shared/design/output-contract.md ("The call graph"): ``nodes`` (every project
function and module with file and line), ``edges`` (caller, callee, call-site file and line;
library callees by dotted API name) and ``errors``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hybridize.bridge.wala import WalaProject


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


def render_callgraph(document: dict[str, Any], fmt: str) -> str:
    """The document as ``json`` (indented) or ``dot``."""
    return to_dot(document) if fmt == "dot" else json.dumps(document, indent=2) + "\n"
