"""Finding and parsing a project's Python files.

Python's own ``ast`` module is the authoritative parser: it knows every syntax form of
the running interpreter. A file that cannot be read or parsed becomes an ErrorRecord and
the rest of the project is still analysed.
"""

from __future__ import annotations

import ast
import fnmatch
import os
import stat
import tokenize
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hybridize.progress import ProgressCallback
from hybridize.report import ErrorRecord

#: Directory names never descended into: virtual environments, build output, caches.
EXCLUDED_DIRS = frozenset(
    {
        "venv", "env", "site-packages", "node_modules", "build", "dist", "__pycache__",
        "__pypackages__", "_build", "buck-out",
    }
)


class ProjectError(Exception):
    """The project path itself is unusable (missing, not Python)."""


@dataclass(frozen=True)
class SourceFile:
    #: Absolute path on disk.
    path: Path
    #: Path relative to the project root, forward slashes (the report's ``file``).
    relpath: str
    #: Dotted module name relative to the project root (``pkg/__init__.py`` -> ``pkg``).
    module: str
    is_package: bool


@dataclass(frozen=True)
class ParsedModule:
    source: SourceFile
    text: str
    tree: ast.Module


def source_lines(text: str) -> list[str]:
    """The lines of a module as Python's tokenizer counts them, which ``ast`` positions index:
    split at ``\\n``, ``\\r\\n`` and ``\\r`` only (``str.splitlines`` also splits at form feeds and
    other separators, which would shift every later line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@dataclass
class ProjectSources:
    root: Path
    modules: list[ParsedModule] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    #: What the analysis of these sources wants the user to know that is not an error
    #: (e.g. the call graph fell back to a cheaper context sensitivity).
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PathFilter:
    """The user's ``exclude`` globs. A glob matches a file or directory by its path relative to
    any of ``bases`` (the project root; the configuration file's directory), or, when it holds
    no ``/``, by its name alone. ``*`` crosses ``/``: ``legacy/*`` excludes all below."""

    globs: tuple[str, ...] = ()
    bases: tuple[Path, ...] = ()

    def excludes(self, path: Path) -> bool:
        if not self.globs:
            return False
        candidates = [path.name]
        for base in self.bases:
            if path.is_relative_to(base) and path != base:
                candidates.append(path.relative_to(base).as_posix())
        return any(fnmatch.fnmatchcase(text, glob) for glob in self.globs
                   for text in (candidates if "/" in glob else candidates[:1]))


def _is_excluded(name: str) -> bool:
    return name.startswith(".") or name in EXCLUDED_DIRS or name.endswith(".egg-info")


def _module_name(relpath: str) -> tuple[str, bool]:
    parts = relpath[: -len(".py")].split("/")
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts) if parts else "__init__", is_package


def discover(root: Path, skip: PathFilter = PathFilter()) -> Iterator[SourceFile]:
    """Every ``.py`` file below ``root`` (or ``root`` itself) that ``skip`` does not exclude,
    in a stable order."""
    root = root.resolve()
    if not root.is_dir():  # one file, regular or not: parse() says when it is not
        yield SourceFile(root, root.name, root.stem, False)
        return
    for dirpath, dirnames, filenames in os.walk(root):
        # A directory holding pyvenv.cfg is a virtual environment whatever its name.
        dirnames[:] = sorted(
            d for d in dirnames
            if not _is_excluded(d) and not (Path(dirpath, d, "pyvenv.cfg")).exists()
            and not skip.excludes(Path(dirpath, d))
        )
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if name.endswith(".py") and not skip.excludes(path):
                relpath = path.relative_to(root).as_posix()
                module, is_package = _module_name(relpath)
                yield SourceFile(path, relpath, module, is_package)


def _special_file_kind(path: Path) -> str | None:
    """What a path is when it is no regular file (following symlinks): reading a FIFO or a
    device named ``*.py`` would block or never end. None for a regular or unreadable file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reading it reports why
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return None


#: Syntax nodes a module may have before it is reported in ``errors`` instead of analysed, so
#: that one generated module cannot take the heap the rest of the project needs. Translation is
#: linear (a 400,000-item list literal: 10 s; a module of 30,000 small functions, 360,000 nodes:
#: about 40 s and 3 GiB); the largest real modules measured (TensorFlow's generated
#: ``schema_py_generated.py`` and ``gen_nn_ops.py``, pandas' ``frame.py``) have 35,000-109,000.
MAX_SYNTAX_NODES = 500_000


def parse(source: SourceFile) -> ParsedModule | ErrorRecord:
    """Reads a file honouring its encoding cookie and BOM, and parses it."""
    kind = _special_file_kind(source.path)
    if kind is not None:
        return ErrorRecord(source.relpath, None, f"not a regular file ({kind}); skipped")
    try:
        with tokenize.open(source.path) as handle:
            text = handle.read()
    except (SyntaxError, UnicodeDecodeError) as exc:  # bad cookie or undecodable bytes
        return ErrorRecord(source.relpath, None, f"cannot decode: {exc}")
    except OSError as exc:
        return ErrorRecord(source.relpath, None, f"cannot read: {exc.strerror or exc}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)  # e.g. invalid escape sequences
            tree = ast.parse(text, filename=source.relpath, type_comments=False)
    except SyntaxError as exc:
        return ErrorRecord(source.relpath, exc.lineno, f"SyntaxError: {exc.msg}")
    except (ValueError, RecursionError) as exc:  # null bytes; absurdly deep nesting
        return ErrorRecord(source.relpath, None, f"cannot parse: {exc}")
    nodes = sum(1 for _ in ast.walk(tree))
    if nodes > MAX_SYNTAX_NODES:
        return ErrorRecord(source.relpath, None,
                           f"too large to analyse usefully ({nodes:,} syntax nodes, more than "
                           f"{MAX_SYNTAX_NODES:,}); skipped, the rest of the project is analysed")
    return ParsedModule(source, text, tree)


def load_project(root: Path, progress: ProgressCallback | None = None,
                 exclude: Sequence[str] = (), config: Path | None = None) -> ProjectSources:
    """Discovers and parses a project, less what ``exclude`` globs match (relative to the
    project root or the directory of ``config``). Raises ProjectError only for an unusable
    root."""
    if not root.exists():
        raise ProjectError(f"{root}: no such file or directory")
    if not root.is_dir() and root.suffix != ".py":
        raise ProjectError(f"{root}: not a Python file or a directory")
    result = ProjectSources(root.resolve())
    bases = (root.resolve(),) + ((config.resolve().parent,) if config else ())
    found = list(discover(root, PathFilter(tuple(exclude), bases)))
    for done, source in enumerate(found, 1):
        parsed = parse(source)
        if progress:
            progress(done, len(found), f"parsing {source.relpath}")
        if isinstance(parsed, ErrorRecord):
            result.errors.append(parsed)
        else:
            result.modules.append(parsed)
    return result
