"""Put a planned `FileEdit` on disk: atomically, and only over the bytes it was planned on."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from hybridize.edit.model import EditRefusal, FileEdit


def write_file_edit(project_root: Path, edit: FileEdit) -> EditRefusal | None:
    """Replace the file with `edit.updated`; a refusal instead when that is not safe.

    The file is left alone when its bytes changed since the edit was planned. The
    new content goes to a temporary file in the same directory, which then replaces
    the original in one `os.replace`, keeping the original's permission bits.
    """
    target = project_root / edit.path
    try:
        current = target.read_bytes()
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError as error:
        return EditRefusal(edit.path, None, f"cannot read the file again: {error}")
    if hashlib.sha256(current).hexdigest() != edit.original_digest:
        return EditRefusal(edit.path, None, "the file changed on disk since the edit was planned")
    try:
        _replace_atomically(target, edit.updated, mode)
    except OSError as error:
        return EditRefusal(edit.path, None, f"cannot write the file: {error}")
    return None


def _replace_atomically(target: Path, content: bytes, mode: int) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
