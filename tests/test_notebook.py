"""The bundled notebook runs as written: its code cells are executed in order, in-process
(the JVM lives in this process, as it would in a Jupyter kernel)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from matplotlib.figure import Figure

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "examples" / "explore.ipynb"


def test_explore_notebook_cells_run_and_answer(capsys) -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    namespace: dict = {}
    cwd = os.getcwd()
    os.chdir(REPO)  # the notebook uses paths relative to the repository root
    try:
        for source in code:
            exec(compile(source, str(NOTEBOOK), "exec"), namespace)
    finally:
        os.chdir(cwd)
    project, report = namespace["project"], namespace["report"]
    names = {fn.qualified_name for fn in project.functions}
    assert {"train.train_step", "train.compute_loss", "data.normalize"} <= names
    # train_step calls compute_loss: the edge the notebook lists must be there.
    assert any(e.caller == "train.train_step" and e.callee == "train.compute_loss"
               for e in project.edges)
    assert "data.normalize" in capsys.readouterr().out
    assert any(fn.transformations for fn in report.functions)
    # The DataFrame: one row per function, the same verdicts as the CLI's report.
    frame = namespace["frame"]
    assert list(frame["qualified_name"]) == [fn.qualified_name for fn in report.functions]
    assert (dict(zip(frame["qualified_name"], frame["transformations"], strict=True))
            == {fn.qualified_name: [t.value for t in fn.transformations]
                for fn in report.functions})
    # The networkx graph holds WALA's edges; the drawing is the neighbourhood asked for.
    graph = namespace["graph"]
    assert graph.has_edge("train.train_step", "train.compute_loss")
    assert graph.has_edge("train.run_epoch", "train.train_step")
    figure = namespace["figure"]
    drawn = {t.get_text() for t in figure.axes[0].texts}
    assert {"train.train_step", "train.run_epoch", "train.main", "train.compute_loss"} <= drawn
    assert "data.normalize" not in drawn  # not within two calls of the training step
    # A matplotlib Figure, the last value of its cell: Jupyter renders it inline as PNG.
    assert isinstance(figure, Figure) and _png(figure).startswith(b"\x89PNG")


def _png(figure) -> bytes:
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
