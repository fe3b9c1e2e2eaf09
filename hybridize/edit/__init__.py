"""The source-editing engine: add or remove `@tf.function` with verified byte edits.

`plan_file` computes a `FilePlan` in memory (never raises, never writes);
`unified_diff` renders it; `write_file_edit` puts it on disk atomically.
"""

from hybridize.edit.diff import unified_diff
from hybridize.edit.model import (
    Applicability,
    ByteEdit,
    EditRefusal,
    EditRequest,
    FileEdit,
    FilePlan,
)
from hybridize.edit.plan import apply_edits, plan_file
from hybridize.edit.write import write_file_edit

__all__ = [
    "Applicability",
    "ByteEdit",
    "EditRefusal",
    "EditRequest",
    "FileEdit",
    "FilePlan",
    "apply_edits",
    "plan_file",
    "unified_diff",
    "write_file_edit",
]
