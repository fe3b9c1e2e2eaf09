"""Loads the target modules with probes added to their syntax tree; nothing is written.

A meta path finder hands target files to `_InstrumentingLoader`, which compiles the source
with two decorators added to each target function and never writes bytecode. A target file
run as the main script (`python train.py`) is not imported: an audit hook takes over at
`cpython.run_file` and runs the instrumented code as `__main__` instead. NumPy, TensorFlow and
Keras are seeded as soon as they are imported, in both runs alike.
"""

from __future__ import annotations

import ast
import importlib.machinery
import os
import sys
from collections.abc import Callable, Iterator
from types import CodeType, ModuleType
from typing import Any

#: Scope path in a file ("Classifier.call") -> qualified name ("model.Classifier.call").
Scopes = dict[str, str]

RUNTIME_MODULE = "_hybridize_validate_runtime"
_KEEP_ON_TOP = {"staticmethod", "classmethod", "property", "setter", "getter", "deleter"}


def _seed_numpy(module: ModuleType) -> None:
    module.random.seed(0)


def _seed_tensorflow(module: ModuleType) -> None:
    module.random.set_seed(0)


def _seed_keras(module: ModuleType) -> None:
    module.utils.set_random_seed(0)


_SEEDS: dict[str, Callable[[ModuleType], None]] = {
    "numpy": _seed_numpy, "tensorflow": _seed_tensorflow, "keras": _seed_keras}


def install(targets: dict[str, Scopes]) -> None:
    sys.dont_write_bytecode = True  # the user's __pycache__ must never hold instrumented code
    sys.meta_path.insert(0, _Finder(targets))
    sys.addaudithook(_MainScript(targets))


def instrumented_code(source: bytes, path: str, scopes: Scopes) -> CodeType:
    tree = ast.parse(source, filename=path)
    for scope, node in list(scoped_functions(tree)):
        if scope in scopes:
            _add_probes(node, scopes[scope])
    return compile(ast.fix_missing_locations(tree), path, "exec", dont_inherit=True)


_FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def scoped_functions(tree: ast.AST, path: tuple[str, ...] = ()) -> Iterator[tuple[str, _FunctionNode]]:
    """Every function definition under `tree` with its dotted place ("Classifier.call")."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield ".".join([*path, child.name]), child
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield from scoped_functions(child, (*path, child.name))
        else:
            yield from scoped_functions(child, path)


def _add_probes(node: _FunctionNode, name: str) -> None:
    decorators = node.decorator_list
    # Located at the first decorator: the code object's first line stays where it was.
    anchor = decorators[0] if decorators else node
    top = 0
    while top < len(decorators) and _decorator_name(decorators[top]) in _KEEP_ON_TOP:
        top += 1
    decorators.insert(top, ast.copy_location(_probe_call("calls", name), anchor))
    decorators.append(ast.copy_location(_probe_call("body", name), anchor))


def _decorator_name(decorator: ast.expr) -> str | None:
    if isinstance(decorator, ast.Name):
        return decorator.id
    return decorator.attr if isinstance(decorator, ast.Attribute) else None


def _probe_call(function: str, name: str) -> ast.expr:
    # An expression, not an import statement: the module's namespace gains no name.
    return ast.parse(f"__import__({RUNTIME_MODULE!r}).{function}({name!r})", mode="eval").body


class _InstrumentingLoader(importlib.machinery.SourceFileLoader):
    def __init__(self, fullname: str, path: str, scopes: Scopes) -> None:
        super().__init__(fullname, path)
        self._scopes = scopes

    def get_code(self, fullname: str) -> CodeType:  # never the bytecode cache
        return instrumented_code(self.get_data(self.path), self.path, self._scopes)


class _SeedingLoader:
    """Runs a module as its own loader would, then seeds its random number generators."""

    def __init__(self, loader: Any, seed: Callable[[ModuleType], None]) -> None:
        self._loader = loader
        self._seed = seed

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.__dict__["_loader"], attribute)

    def create_module(self, spec: Any) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        module.__loader__ = self._loader  # as if we never were here
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        try:
            self._seed(module)
        except Exception:  # a library version without that API: its generators stay unseeded
            pass


class _Finder:
    def __init__(self, targets: dict[str, Scopes]) -> None:
        self._targets = targets
        self._leaves = {_module_leaf(path) for path in targets}

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        seed = _SEEDS.get(fullname)
        if seed is None and fullname.rpartition(".")[2] not in self._leaves:
            return None  # the common case, decided without searching
        spec = self._others(fullname, path, target)
        if spec is None or spec.loader is None:
            return None
        if seed is not None:
            spec.loader = _SeedingLoader(spec.loader, seed)
            return spec
        scopes = self._targets.get(os.path.realpath(spec.origin or ""))
        if scopes is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
            return None
        spec.loader = _InstrumentingLoader(fullname, spec.origin, scopes)
        return spec

    def _others(self, fullname: str, path: Any, target: Any) -> Any:
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None:
                return spec
        return None


def _module_leaf(path: str) -> str:
    folder, file = os.path.split(path)
    stem = os.path.splitext(file)[0]
    return os.path.basename(folder) if stem == "__init__" else stem


class _MainScript:
    """Audit hook: runs a target file given as the main script instrumented, then exits."""

    def __init__(self, targets: dict[str, Scopes]) -> None:
        self._targets = targets
        self._done = False

    def __call__(self, event: str, arguments: tuple) -> None:
        if event != "cpython.run_file" or self._done:
            return
        self._done = True
        scopes = self._targets.get(os.path.realpath(arguments[0]))
        if scopes is not None:
            _run_as_main(arguments[0], scopes)


def _run_as_main(path: str, scopes: Scopes) -> None:
    main = sys.modules["__main__"]
    main.__file__ = path
    main.__cached__ = None  # type: ignore[attr-defined]  # set by runpy, not declared
    with open(path, "rb") as stream:
        code = instrumented_code(stream.read(), path, scopes)
    status = 0
    try:
        exec(code, main.__dict__)
    except SystemExit as exit_:
        status = _exit_status(exit_.code)
    except KeyboardInterrupt:
        status = 130
    except BaseException as error:
        # The user's traceback, without this frame, as the interpreter would print it.
        sys.excepthook(type(error), error, error.__traceback__.tb_next if error.__traceback__ else None)
        status = 1
    _exit(status)


def _exit_status(code: Any) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _exit(status: int) -> None:
    """What the interpreter does after the main script, then exit without running it again."""
    import atexit
    import threading

    threading._shutdown()  # type: ignore[attr-defined]  # joins non-daemon threads
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)
