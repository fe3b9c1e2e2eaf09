"""What the editing engine is asked to do and what it answers: plain frozen data."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# The grade is part of the report (its JSON says it); the engine takes it from there.
from hybridize.report import Applicability, Transformation

__all__ = ["Applicability", "ByteEdit", "EditRefusal", "EditRequest", "FileEdit", "FilePlan",
           "SignatureSpecs"]

#: An input signature to write: per parameter (shape, dtype name); a None shape: any rank.
SignatureSpecs = tuple[tuple[tuple[int | None, ...] | None, str], ...]


@dataclass(frozen=True)
class EditRequest:
    """One transformation of one function, located by the line of its `def`."""

    #: 1-based line of the `def` keyword (not of a decorator).
    def_line: int
    qualified_name: str
    transformation: Transformation
    applicability: Applicability = Applicability.SAFE
    #: The input signature to write (RECONFIGURE; CONVERT_TO_HYBRID with --input-signatures).
    input_signature: SignatureSpecs | None = None

    @property
    def name(self) -> str:
        # A later definition of a name in one scope is qualified `f@8` (functions.py).
        return self.qualified_name.rpartition(".")[2].partition("@")[0]


@dataclass(frozen=True)
class ByteEdit:
    """Replace `source[start:end]` with `replacement`; offsets are UTF-8 bytes."""

    start: int
    end: int
    replacement: bytes


@dataclass(frozen=True)
class FileEdit:
    """A verified change to one file, computed in memory and not yet written."""

    #: Relative to the project root, forward slashes.
    path: str
    original: bytes
    updated: bytes
    #: The requests that changed something, in the order they were given.
    applied_requests: tuple[EditRequest, ...]

    @property
    def original_digest(self) -> str:
        """Identifies the bytes the edit was planned against."""
        return hashlib.sha256(self.original).hexdigest()


@dataclass(frozen=True)
class EditRefusal:
    """Why a function (or, when `qualified_name` is None, a whole file) was left alone."""

    path: str
    qualified_name: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.qualified_name}" if self.qualified_name else self.path
        return f"{where}: not edited: {self.reason}"


@dataclass(frozen=True)
class FilePlan:
    """Everything decided about one file: the edit, if anything changes, and refusals."""

    path: str
    edit: FileEdit | None
    refusals: tuple[EditRefusal, ...] = ()
