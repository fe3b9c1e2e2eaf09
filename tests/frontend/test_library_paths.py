"""Library objects are named by access path; the paths must stay finite (real JVM)."""

from __future__ import annotations

import pytest

from hybridize.bridge import jvm
from hybridize.bridge.wala import WalaProject
from hybridize.parse.project import load_project


@pytest.fixture(scope="module")
def paths():
    return jvm.jclass("org.hybridize.wala.cg.LibraryPaths")


@pytest.mark.parametrize(("path", "name", "expected"), [
    # Modelled APIs keep their long, meaningful chains.
    ("tensorflow.data.Dataset.from_tensor_slices.shuffle", "batch",
     "tensorflow.data.Dataset.from_tensor_slices.shuffle.batch"),
    # A repeated step is a loop walking the object: it collapses at once.
    ("builtins.str.strip", "strip", "builtins.str.strip.*"),
    ("numpy.ndarray.T", "T", "numpy.ndarray.T.*"),
    # Unmodelled method chains collapse after a few steps.
    ("builtins.str.strip.lower", "encode", "builtins.str.strip.*"),
    # A collapsed object stays collapsed.
    ("builtins.str.strip.*", "decode", "builtins.str.strip.*"),
])
def test_member_paths(paths, path: str, name: str, expected: str) -> None:
    assert str(paths.member(path, name)) == expected


def test_method_chains_in_a_loop_stay_few_objects(tmp_path) -> None:
    (tmp_path / "m.py").write_text(
        "def walk(s, c):\n"
        "    for _ in range(3):\n"
        "        if c:\n"
        "            s = s.strip()\n"
        "        elif c > 1:\n"
        "            s = s.lower()\n"
        "        elif c > 2:\n"
        "            s = s.upper()\n"
        "        else:\n"
        "            s = s.title()\n"
        "        s.encode()\n"
        "    return s\n"
        "\n"
        "walk(input(), 1)\n", encoding="utf-8")
    project = WalaProject.build(load_project(tmp_path))
    callees = {e.callee for e in project.edges if e.caller == "m.walk"}
    # Unbounded, every sequence of the four methods up to the segment limit is a new object
    # and a new callee: thousands.
    assert 0 < len(callees) <= 40, sorted(callees)
