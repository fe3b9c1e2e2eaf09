"""The TensorFlow/Keras generation an analysed project targets.

Some verdicts hold on one generation only (a Keras 3 ``call`` that calls sublayers loses
their gradients when traced; Keras 2 trains it), so the analysis decides for the TensorFlow
the project declares:

* ``--tensorflow VERSION`` wins;
* else the first dependency file declaring a TensorFlow distribution (``tensorflow``,
  ``tensorflow-gpu``, ``-cpu``, ``-macos``, ...; see ``requirements_files``) gives the
  version: the highest version its specifier allows, as precise as the specifier is
  (``==2.9.1`` -> 2.9.1, ``==2.12.*`` and ``~=2.12.0`` -> 2.12, ``>=2.4,<2.16`` -> 2.15);
  a specifier with no upper bound (``>=2.4``) targets the newest TensorFlow (version null);
* TensorFlow 2.15 and older ship Keras 2 as ``tf.keras``; 2.16 and newer Keras 3. A
  project that imports ``tf_keras`` or pins ``keras`` below 3 uses Keras 2 whatever its
  TensorFlow;
* nothing declared: the newest TensorFlow, Keras 3 (``source: "default"``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from hybridize.parse.requirements_files import Declared, declared_requirements

#: Distributions that install TensorFlow (canonical names).
TENSORFLOW_DISTRIBUTIONS = frozenset({
    "tensorflow", "tensorflow-gpu", "tensorflow-cpu", "tensorflow-macos", "tensorflow-intel",
    "tensorflow-aarch64", "tensorflow-rocm", "intel-tensorflow"})
#: The last TensorFlow whose ``tf.keras`` is Keras 2 (2.16 switched to Keras 3).
LAST_KERAS_2 = Version("2.15")
#: TensorFlow 2 minor releases known when this was written: an upper bound such as ``<3``
#: resolves to the newest of them.
NEWEST_KNOWN_MINOR = 21
#: Far above any release: a specifier allowing it has no upper bound.
_UNBOUNDED = Version("999")


@dataclass(frozen=True)
class TargetVersion:
    """What the report's ``settings.tensorflow`` says."""

    #: The TensorFlow version assumed; None: the newest.
    version: str | None
    #: The Keras generation ``tf.keras`` (or the project's own Keras import) is.
    keras: int
    #: Where it came from: dependency files (relative paths), "--tensorflow" or "default".
    source: str

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "keras": self.keras, "source": self.source}


DEFAULT = TargetVersion(None, 3, "default")


def keras_generation(version: Version | None) -> int:
    return 2 if version is not None and version.release[:2] <= LAST_KERAS_2.release else 3


def from_option(text: str, source: str = "--tensorflow") -> TargetVersion:
    """``--tensorflow 2.15`` (or ``tensorflow = "2.15"`` in ``[tool.hybridize]``, ``source``
    naming the file). Raises ValueError for something that is no version."""
    try:
        version = Version(text)
    except InvalidVersion:
        raise ValueError(f"{text!r} is not a TensorFlow version (e.g. 2.15 or 2.9.3)") from None
    return TargetVersion(str(version), keras_generation(version), source)


def highest_allowed(specifier: SpecifierSet) -> Version | None:
    """The highest version ``specifier`` allows, as precise as it is written; None when it
    has no upper bound (or allows nothing we know of)."""
    if specifier.contains(_UNBOUNDED, prereleases=True):
        return None
    written = [Version(s.version.removesuffix(".*")) for s in specifier
               if s.operator != "!=" and _is_version(s.version.removesuffix(".*"))]
    known = [Version(f"2.{minor}") for minor in range(NEWEST_KNOWN_MINOR + 1)]
    allowed = [v for v in written + known if specifier.contains(v, prereleases=True)]
    # 2.13 == 2.13.0: among equal versions keep the one written with more components.
    return max(allowed, key=lambda v: (v, len(v.release)), default=None)


def _is_version(text: str) -> bool:
    try:
        Version(text)
    except InvalidVersion:
        return False
    return True


def detect(root: Path, modules: Iterable[tuple[str, ast.Module]]) -> TargetVersion:
    """The target of the project at ``root`` whose parsed modules are ``modules``
    ((relative path, tree) pairs)."""
    # A single file: the dependency files beside it.
    declared = list(declared_requirements(root if root.is_dir() else root.parent))
    tensorflow = next((d for d in declared if _named(d, TENSORFLOW_DISTRIBUTIONS)), None)
    if tensorflow is None:
        version, sources = None, []
    else:
        version = _declared_version(_named(tensorflow, TENSORFLOW_DISTRIBUTIONS))
        sources = [tensorflow.file]
    keras = keras_generation(version)
    if keras == 3:
        legacy = _keras_2_evidence(declared, modules)
        if legacy is not None:
            keras, sources = 2, [*sources, legacy]
    if not sources:
        return DEFAULT
    return TargetVersion(None if version is None else str(version), keras, ", ".join(sources))


def _named(declared: Declared, names: frozenset[str]) -> list[Requirement]:
    return [r for r in declared.requirements if canonicalize_name(r.name) in names]


def _declared_version(requirements: list[Requirement]) -> Version | None:
    """The highest of what each requirement allows (platform variants: the newest)."""
    found = [highest_allowed(r.specifier) for r in requirements]
    return None if None in found else max(v for v in found if v is not None)


def _keras_2_evidence(declared: list[Declared],
                      modules: Iterable[tuple[str, ast.Module]]) -> str | None:
    """The file showing the project uses Keras 2 on a newer TensorFlow: a ``keras<3`` pin or
    an import of ``tf_keras``."""
    for item in declared:
        for requirement in _named(item, frozenset({"keras"})):
            allowed = highest_allowed(requirement.specifier)
            if allowed is not None and allowed.major < 3:
                return item.file
    for path, tree in modules:
        if any(_imports_tf_keras(node) for node in ast.walk(tree)):
            return path
    return None


def _imports_tf_keras(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == "tf_keras" for alias in node.names)
    return (isinstance(node, ast.ImportFrom) and node.level == 0
            and (node.module or "").split(".")[0] == "tf_keras")
