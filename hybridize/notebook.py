"""The project ``hybridize.load`` returns in Jupyter: WALA's results plus tables and drawings.

``report()`` runs the analyses over the call graph already built (no second build) and gives
one row per function as a pandas DataFrame; ``call_graph()`` is WALA's call graph as a
networkx graph; ``draw_neighbourhood(name, depth)`` draws a function's callers and callees
with matplotlib, as a Figure that Jupyter shows inline. pandas, networkx and matplotlib come
with ``pip install hybridize[notebook]`` and are imported only when used.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hybridize.bridge.wala import WalaProject
from hybridize.parse.config import near_matches
from hybridize.parse.project import ProjectSources
from hybridize.report import Report, Timing
from hybridize.settings import AnalysisSettings

if TYPE_CHECKING:
    import networkx
    import pandas
    from matplotlib.figure import Figure

#: Node colours of a drawing by the function's transformation.
VERDICT_COLOURS = {"CONVERT_TO_HYBRID": "#4caf50", "CONVERT_TO_EAGER": "#2196f3"}


@dataclass
class NotebookProject(WalaProject):
    #: The parsed sources the call graph was built from (set by ``hybridize.load``).
    sources: ProjectSources | None = field(default=None, repr=False)
    #: The last report ``report()`` computed, as the CLI's data model.
    analysis: Report | None = field(default=None, repr=False)

    def analyse(self, settings: AnalysisSettings | None = None) -> Report:
        """The whole report (what ``analyze`` prints), over this call graph."""
        from hybridize.analysis.facts import WalaFacts
        from hybridize.analysis.infer import run_analyses
        from hybridize.analyze import analyze_sources

        assert self.sources is not None, "built by hybridize.load"
        facts = WalaFacts(self)
        settings = settings or AnalysisSettings(context=self.settings.context)

        def infer(sources: ProjectSources, functions: list, settings: AnalysisSettings,
                  timing: Timing, progress: Any = None) -> dict:
            return run_analyses(sources, functions, settings, timing, facts=facts).attributes

        # The front end's errors belong in the report, as the CLI puts them there.
        sources = dataclasses.replace(self.sources, errors=list(self.errors))
        self.analysis = analyze_sources(sources, str(self.sources.root), settings, infer)
        return self.analysis

    def report(self, settings: AnalysisSettings | None = None) -> pandas.DataFrame:
        """One row per function: location, attributes (None: undetermined), verdict."""
        import pandas

        from hybridize.renderers.formats import function_row

        report = self.analyse(settings)
        rows = []
        for fn in report.functions:
            row = function_row(fn)
            row["transformations"] = [t.value for t in fn.transformations]
            row["failures"] = [f.kind.name for f in fn.failures]
            rows.append(row)
        return pandas.DataFrame(rows, columns=list(rows[0]) if rows else None)

    def call_graph(self) -> networkx.DiGraph:
        """WALA's call graph: a node per project function or module (``project=True``, with
        file and line) and per library callee; an edge per caller and callee, its call sites
        in ``sites``."""
        import networkx

        graph = networkx.DiGraph()
        for fn in self.functions:
            graph.add_node(fn.qualified_name, file=fn.file, line=fn.line, kind=fn.kind,
                           project=True)
        for edge in self.edges:
            for name in (edge.caller, edge.callee):
                if name not in graph:
                    graph.add_node(name, project=False)
            if not graph.has_edge(edge.caller, edge.callee):
                graph.add_edge(edge.caller, edge.callee, sites=[])
            graph.edges[edge.caller, edge.callee]["sites"].append((edge.file, edge.line))
        return graph

    def neighbourhood(self, name: str, depth: int = 1) -> dict[str, int]:
        """Callers (negative distance) and callees (positive) of ``name`` up to ``depth``
        calls away; ``name`` itself at 0."""
        import networkx

        graph = self.call_graph()
        if name not in graph:
            raise KeyError(f"no function {name!r} in the call graph"
                           f"{near_matches(name, sorted(graph))}")
        callees = networkx.single_source_shortest_path_length(graph, name, cutoff=depth)
        callers = networkx.single_source_shortest_path_length(graph.reverse(copy=False), name,
                                                               cutoff=depth)
        found = {node: -distance for node, distance in callers.items()}
        found.update({node: distance for node, distance in callees.items() if distance})
        return found

    def draw_neighbourhood(self, name: str, depth: int = 1) -> Figure:
        """A drawing of ``name``'s callers (left) and callees (right) up to ``depth`` calls;
        functions coloured by verdict once ``report()`` ran, library code grey."""
        import networkx
        from matplotlib.figure import Figure

        distances = self.neighbourhood(name, depth)
        graph = self.call_graph().subgraph(distances)
        columns: dict[int, list[str]] = {}
        for node in sorted(distances):
            columns.setdefault(distances[node], []).append(node)
        positions = {node: (column, -row) for column, nodes in columns.items()
                     for row, node in enumerate(nodes)}
        height = max(len(nodes) for nodes in columns.values())
        figure = Figure(figsize=(3 + 3 * len(columns), 1 + 0.6 * height))
        axes = figure.add_subplot()
        networkx.draw_networkx(graph, positions, ax=axes, node_color=self._colours(graph, name),
                               node_size=400, font_size=8, arrows=True)
        axes.set_title(f"{name}: callers and callees to depth {depth}")
        axes.set_axis_off()
        axes.margins(x=0.3, y=0.2)
        return figure

    def _colours(self, graph: networkx.DiGraph, centre: str) -> list[str]:
        verdicts = {fn.qualified_name: fn.transformations[0].value if fn.transformations
                    else "none" for fn in (self.analysis.functions if self.analysis else [])}
        colours = []
        for node, data in graph.nodes(data=True):
            if node == centre:
                colours.append("#ff9800")
            elif not data.get("project"):
                colours.append("#e0e0e0")
            else:
                colours.append(VERDICT_COLOURS.get(verdicts.get(node, ""), "#90caf9"))
        return colours
