"""hybridize: decide statically where ``@tf.function`` is safe and worth it, then edit the source."""

from __future__ import annotations

__version__ = "0.1.0"


def load(path, *, context: str | None = None, heap: str | None = None):
    """Builds a project's WALA call graph and pointer analysis once, for exploration.

    Returns a ``hybridize.notebook.NotebookProject`` (a ``hybridize.bridge.wala.WalaProject``):
    ``functions``, ``edges``, ``errors``, ``points_to(qualified_name, parameter)`` and
    ``ir(qualified_name)``; ``report()`` (a pandas DataFrame of every verdict),
    ``call_graph()`` (networkx) and ``draw_neighbourhood(name, depth)`` (matplotlib) need
    ``hybridize[notebook]``; ``.java`` is the engine itself (call graph, pointer analysis,
    class hierarchy) for anything else. The JVM starts on first use and lives as long as the
    process (in Jupyter: the kernel).
    """
    from pathlib import Path

    from hybridize.bridge.wala import CallGraphSettings
    from hybridize.notebook import NotebookProject
    from hybridize.parse.project import load_project

    settings = CallGraphSettings(context=context) if context else CallGraphSettings()
    sources = load_project(Path(path))
    project = NotebookProject.build(sources, settings, heap=heap)
    assert isinstance(project, NotebookProject)
    project.sources = sources
    return project
