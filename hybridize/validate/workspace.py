"""The refactored copy of a project: copied, edited as `apply` would, never the user's files.

The copy sits where the command's working directory maps onto it: a working directory
inside the project maps to the same place inside the copy; for one above the project, a
mirror of it holds the copy plus symbolic links to everything else.
"""

from __future__ import annotations

import ast
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hybridize.edit import EditRefusal, EditRequest, plan_file
from hybridize.report import Transformation
from hybridize.validate.runtime.hook import scoped_functions

_NOT_COPIED = shutil.ignore_patterns(".git", "__pycache__", ".pytest_cache", ".mypy_cache")


@dataclass(frozen=True)
class Target:
    """A function the refactoring changed: what the probes instrument in both runs."""

    qualified_name: str
    transformation: Transformation
    #: Relative to the project root, forward slashes.
    file: str
    #: Its place inside the module ("Classifier.call"), the same in both copies.
    scope: str


@dataclass(frozen=True)
class Workspace:
    original_root: Path
    copy_root: Path
    #: A directory above the project that is mirrored (with links) around the copy, if any.
    mirrored: tuple[Path, Path] | None
    targets: tuple[Target, ...]
    refusals: tuple[EditRefusal, ...]

    def map_path(self, path: Path) -> Path:
        """Where `path` (absolute) is for the refactored run."""
        if path.is_relative_to(self.original_root):
            return self.copy_root / path.relative_to(self.original_root)
        if self.mirrored and path.is_relative_to(self.mirrored[0]):
            return self.mirrored[1] / path.relative_to(self.mirrored[0])
        return path

    def probe_targets(self, refactored: bool) -> dict[str, dict[str, str]]:
        """Real path of each target file -> its scopes -> qualified names."""
        root = self.copy_root if refactored else self.original_root
        targets: dict[str, dict[str, str]] = {}
        for target in self.targets:
            path = os.path.realpath(root / target.file)
            targets.setdefault(path, {})[target.scope] = target.qualified_name
        return targets


def create_workspace(
    project_root: Path, requests: Mapping[str, Sequence[EditRequest]], scratch: Path, cwd: Path
) -> Workspace:
    """Copy the project under `scratch` and apply `requests` (by file, relative) to the copy."""
    root, cwd = project_root.resolve(), cwd.resolve()
    mirrored = None
    if root != cwd and root.is_relative_to(cwd):
        mirrored = (cwd, scratch / "mirror")
        copy_root = mirrored[1] / root.relative_to(cwd)
        _link_siblings(cwd, root, mirrored[1])
    else:
        copy_root = scratch / "copy" / root.name
    shutil.copytree(root, copy_root, symlinks=True, ignore=_NOT_COPIED)
    targets, refusals = _edit_copy(root, copy_root, requests)
    return Workspace(root, copy_root, mirrored, tuple(targets), tuple(refusals))


def _link_siblings(top: Path, root: Path, mirror: Path) -> None:
    """Mirror each directory from `top` down to `root`'s parent, with links to its entries."""
    here = top
    for part in root.relative_to(top).parts:
        inside = mirror / here.relative_to(top)
        inside.mkdir(parents=True, exist_ok=True)
        for entry in here.iterdir():
            if entry.name != part:
                (inside / entry.name).symlink_to(entry)
        here = here / part


def _edit_copy(
    root: Path, copy_root: Path, requests: Mapping[str, Sequence[EditRequest]]
) -> tuple[list[Target], list[EditRefusal]]:
    targets: list[Target] = []
    refusals: list[EditRefusal] = []
    for file in sorted(requests):
        source = (root / file).read_bytes()
        plan = plan_file(file, source, requests[file])
        refusals.extend(plan.refusals)
        if plan.edit is None:
            continue
        (copy_root / file).write_bytes(plan.edit.updated)
        for request in plan.edit.applied_requests:
            scope = scope_of(source, request.def_line)
            targets.append(Target(request.qualified_name, request.transformation, file, scope))
    return targets, refusals


def scope_of(source: bytes, def_line: int) -> str:
    """The dotted place, inside its module, of the function whose `def` is on `def_line`."""
    for scope, node in scoped_functions(ast.parse(source)):
        if node.lineno == def_line:
            return scope
    raise ValueError(f"no function definition on line {def_line}")
