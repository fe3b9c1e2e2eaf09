"""Writing planned edits: atomic, permission-preserving, never over a changed file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from hybridize.edit import EditRequest, FileEdit, plan_file, write_file_edit
from hybridize.report import Transformation

SOURCE = b"import tensorflow as tf\n\n\ndef f(x):\n    return x\n"
HYBRID_SOURCE = b"import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n    return x\n"


def planned_edit(project: Path, name: str = "m.py") -> FileEdit:
    path = project / name
    path.write_bytes(SOURCE)
    request = EditRequest(4, "m.f", Transformation.CONVERT_TO_HYBRID)
    plan = plan_file(name, path.read_bytes(), [request])
    assert plan.edit is not None
    return plan.edit


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    edit = planned_edit(tmp_path)

    assert write_file_edit(tmp_path, edit) is None
    assert (tmp_path / "m.py").read_bytes() == HYBRID_SOURCE
    assert sorted(os.listdir(tmp_path)) == ["m.py"]


def test_permission_bits_are_kept(tmp_path: Path) -> None:
    edit = planned_edit(tmp_path, "script.py")
    (tmp_path / "script.py").chmod(0o751)

    assert write_file_edit(tmp_path, edit) is None
    assert stat.S_IMODE((tmp_path / "script.py").stat().st_mode) == 0o751


def test_file_changed_on_disk_after_planning_is_not_overwritten(tmp_path: Path) -> None:
    edit = planned_edit(tmp_path)
    changed_meanwhile = SOURCE + b"# edited by someone else\n"
    (tmp_path / "m.py").write_bytes(changed_meanwhile)

    refusal = write_file_edit(tmp_path, edit)

    assert refusal is not None
    assert refusal.reason == "the file changed on disk since the edit was planned"
    assert (tmp_path / "m.py").read_bytes() == changed_meanwhile


def test_missing_file_is_a_refusal_not_a_crash(tmp_path: Path) -> None:
    edit = planned_edit(tmp_path)
    (tmp_path / "m.py").unlink()

    refusal = write_file_edit(tmp_path, edit)

    assert refusal is not None
    assert refusal.reason.startswith("cannot read the file again")
