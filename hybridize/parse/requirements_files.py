"""The dependencies a project declares, read from the files that declare them.

Read, in this order, from the project's root directory: ``requirements*.txt``
(``requirements.txt`` first, ``-r`` includes followed), ``pyproject.toml`` (PEP 621
``dependencies`` and ``optional-dependencies``; Poetry's ``dependencies``, groups and
``dev-dependencies``), ``setup.cfg`` and ``setup.py`` (``install_requires`` and
``extras_require``), ``Pipfile`` and ``environment.yml``. Every declaration is a PEP 508
``Requirement``; Poetry's ``^``/``~`` constraints and conda's ``name=2.12`` are translated.
Nothing is installed or executed: ``setup.py`` is parsed, never run.
"""

from __future__ import annotations

import ast
import configparser
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: ``-r`` includes followed this deep (a file including itself stops here).
MAX_INCLUDE_DEPTH = 3


@dataclass(frozen=True)
class Declared:
    """The requirements one file declares."""

    #: Relative to the project root, forward slashes.
    file: str
    requirements: tuple[Requirement, ...]


def declared_requirements(root: Path) -> Iterator[Declared]:
    """Every dependency file of the project root that declares something, in reading order."""
    for path, reader in _dependency_files(root):
        try:
            found = tuple(_parsed(reader(path)))
        except (OSError, UnicodeDecodeError, ValueError, SyntaxError, configparser.Error,
                tomllib.TOMLDecodeError):
            continue  # an unreadable file declares nothing we can use
        if found:
            yield Declared(path.relative_to(root).as_posix(), found)


def _dependency_files(root: Path) -> list[tuple[Path, Callable[[Path], Iterable[str]]]]:
    if not root.is_dir():
        return []
    requirements = sorted(root.glob("requirements*.txt"),
                          key=lambda p: (p.name != "requirements.txt", p.name))
    files: list[tuple[Path, Callable[[Path], Iterable[str]]]] = [
        (p, _requirements_txt) for p in requirements]
    files += [(root / "pyproject.toml", _pyproject), (root / "setup.cfg", _setup_cfg),
              (root / "setup.py", _setup_py), (root / "Pipfile", _pipfile),
              (root / "environment.yml", _environment_yml),
              (root / "environment.yaml", _environment_yml)]
    return [(p, reader) for p, reader in files if p.is_file()]


def _parsed(specs: Iterable[str]) -> Iterator[Requirement]:
    for spec in specs:
        try:
            yield Requirement(spec)
        except InvalidRequirement:
            continue  # a URL, a local path or a typo: not a version we can read


def _requirements_txt(path: Path, depth: int = 0) -> Iterator[str]:
    text = path.read_text("utf-8").replace("\\\n", "")
    for raw in text.splitlines():
        line = re.sub(r"(^|\s)#.*", "", raw).strip()
        include = re.match(r"^(-r|--requirement)[\s=]+(\S+)", line)
        if include and depth < MAX_INCLUDE_DEPTH:
            nested = path.parent / include.group(2)
            if nested.is_file():
                yield from _requirements_txt(nested, depth + 1)
        elif line and not line.startswith("-"):
            yield line


def _pyproject(path: Path) -> Iterator[str]:
    data = tomllib.loads(path.read_text("utf-8"))
    project = data.get("project", {})
    yield from project.get("dependencies", [])
    for extra in project.get("optional-dependencies", {}).values():
        yield from extra
    poetry = data.get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies", {}), poetry.get("dev-dependencies", {})]
    tables += [g.get("dependencies", {}) for g in poetry.get("group", {}).values()]
    for table in tables:
        for name, constraint in table.items():
            if name != "python":
                yield from poetry_requirements(name, constraint)


def poetry_requirements(name: str, constraint: Any) -> Iterator[str]:
    """PEP 508 strings for a Poetry (or Pipfile) entry: ``"^2.12"``, ``{version = "..."}``,
    or a list of such tables (one per platform)."""
    entries = constraint if isinstance(constraint, list) else [constraint]
    for entry in entries:
        text = entry.get("version", "*") if isinstance(entry, dict) else entry
        if isinstance(text, str):
            for alternative in text.split("||"):
                yield name + poetry_specifier(alternative)


def poetry_specifier(constraint: str) -> str:
    """``^2.12`` -> ``>=2.12,<3``; ``~2.12.1`` -> ``>=2.12.1,<2.13``; ``2.12.0`` -> ``==2.12.0``;
    ``*`` -> no constraint; PEP 440 clauses pass through."""
    clauses = [c for c in re.split(r"[,\s]+(?=[<>=!~^\d*])", constraint.strip()) if c]
    return ",".join(_poetry_clause(c.replace(" ", "")) for c in clauses if c != "*")


def _poetry_clause(clause: str) -> str:
    if clause[0] in "^~" and not clause.startswith("~="):
        parts = [int(p) for p in re.findall(r"\d+", clause)]
        if clause[0] == "^":  # the leftmost non-zero component may not change
            bump = next((i for i, p in enumerate(parts) if p), len(parts) - 1)
        else:  # ~: the minor version may not change (the major, when only it is given)
            bump = min(1, len(parts) - 1)
        upper = [*parts[:bump], parts[bump] + 1]
        return f">={clause[1:]},<{'.'.join(map(str, upper))}"
    return f"=={clause}" if clause[0].isdigit() else clause


def _setup_cfg(path: Path) -> Iterator[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(path.read_text("utf-8"))
    blocks = [parser.get("options", "install_requires", fallback="")]
    if parser.has_section("options.extras_require"):
        blocks += [value for _, value in parser.items("options.extras_require")]
    for block in blocks:
        yield from (line.strip() for line in block.splitlines()
                    if line.strip())


def _setup_py(path: Path) -> Iterator[str]:
    """``install_requires``/``extras_require`` given as literals, or as module-level names
    bound to literals, in any call of ``setup.py`` (the file is parsed, not run)."""
    tree = ast.parse(path.read_text("utf-8"))
    names = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
             for t in node.targets if isinstance(t, ast.Name)}
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        for keyword in call.keywords:
            if keyword.arg in ("install_requires", "extras_require"):
                value = keyword.value
                if isinstance(value, ast.Name):
                    value = names.get(value.id, value)
                yield from _literal_strings(value)


def _literal_strings(node: ast.expr) -> Iterator[str]:
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return  # computed at run time: unknown
    items = value.values() if isinstance(value, dict) else [value]
    for item in items:
        for spec in ([item] if isinstance(item, str) else item):
            if isinstance(spec, str):
                yield spec


def _pipfile(path: Path) -> Iterator[str]:
    data = tomllib.loads(path.read_text("utf-8"))
    for section in ("packages", "dev-packages"):
        for name, constraint in data.get(section, {}).items():
            yield from poetry_requirements(name, constraint)


def _environment_yml(path: Path) -> Iterator[str]:
    """List items of a conda environment file: conda specs (``tensorflow=2.12``,
    ``conda-forge::tensorflow 2.12.*``) and those of its ``pip:`` list."""
    for line in path.read_text("utf-8").splitlines():
        item = re.match(r"^\s*-\s+([^#]+?)\s*(#.*)?$", line)
        if item and not item.group(1).endswith(":"):  # not the "- pip:" heading
            yield conda_requirement(item.group(1).split("::")[-1])


def conda_requirement(spec: str) -> str:
    """``tensorflow=2.12`` -> ``tensorflow==2.12.*``; ``tensorflow=2.12.0=py310`` ->
    ``tensorflow==2.12.0``; ``tensorflow 2.12`` -> ``tensorflow==2.12.*``; pip specs pass."""
    match = re.match(r"^([A-Za-z0-9_.\-]+)\s*=(?!=)\s*([^=\s]+)", spec) or re.match(
        r"^([A-Za-z0-9_.\-]+)\s+([\d.*]+)$", spec)
    if match is None:
        return spec
    name, version = match.groups()
    exact = re.match(r"^[^=]+=[^=]+=", spec) is not None
    return f"{name}=={version}" if exact or version.endswith("*") else f"{name}=={version}.*"
