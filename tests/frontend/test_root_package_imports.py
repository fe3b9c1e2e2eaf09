"""Relative imports in the top-level modules of a root directory that is itself a package
(analysing `pkg/` whose modules say `from . import sibling`)."""

from __future__ import annotations

from pathlib import Path

from hybridize.bridge.wala import WalaProject
from hybridize.parse.project import load_project


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _project_edges(root: Path) -> set[tuple[str, str]]:
    project = WalaProject.build(load_project(root))
    names = {f.qualified_name for f in project.functions}
    return {(e.caller, e.callee) for e in project.edges if e.callee in names and e.caller in names}


def test_from_dot_import_module_and_name_in_a_root_package(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "__init__.py": "",
        "helpers.py": "def work():\n    return 1\n\ndef other():\n    return 2\n",
        "app.py": ("from . import helpers\n"
                   "from .helpers import other as renamed\n"
                   "\n"
                   "def main():\n"
                   "    helpers.work()\n"
                   "    renamed()\n"),
    })
    project = WalaProject.build(load_project(root))
    assert not [e for e in project.errors if "relative import" in e.message]
    edges = _project_edges(root)
    assert ("app.main", "helpers.work") in edges
    assert ("app.main", "helpers.other") in edges
    assert ("app.main", "app.main") not in edges
