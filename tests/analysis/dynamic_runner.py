"""Runs fixture programs under TensorFlow and checks the analysis' verdicts dynamically.

Run in its own process (TensorFlow never shares a process with the JVM):

    python dynamic_runner.py JOBS.json  ->  one JSON result per line on stdout

A job names a fixture directory, the functions given P1, those with Python side effects and
those blocked by a framework rule (checked like P1, expecting failure).
The fixture's ``main.py`` runs as ``__main__`` while a profile hook records the arguments of
every call of those functions (calls made while tracing, with symbolic tensors, are skipped).
Then, on the recorded inputs:

* P1: the function runs eagerly and under ``tf.function``; tracing must not raise and the
  outputs must agree; booleans it receives cost at most one trace per combination of values
  (``boolean_traces.py``). State the function legitimately changes (TensorFlow variables, the
  receiver's attributes) is restored between the two runs.
* No tensor computation ("barren"): the P1 check holds, and the graph traced for each
  recorded input has no operation beyond its inputs, constants and outputs.
* Side effects: the function runs three times eagerly and three times through one
  ``tf.function``; per call we observe stdout/stderr, changed module globals, argument and
  receiver attributes, closure cells and files named by module globals. The observations
  must differ: the effect happens on every eager call but only while tracing.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import io
import json
import logging
import os
import runpy
import sys
import traceback
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf
from boolean_traces import boolean_traces

CALLS_COMPARED = 3
#: Keras 3 exports its KerasTensor class, Keras 2 (tf_keras) does not: ask an Input.
_KERAS_TENSOR = type(tf.keras.Input(shape=(1,)))
_MUTATION_REFUSED = "should not modify its Python input arguments"


def _python_name(qualified: str, module: str) -> str:
    """``main.outer.inner`` -> code qualname ``outer.<locals>.inner`` (for co_qualname)."""
    return qualified[len(module) + 1:]


def _code_key(code) -> str:
    return code.co_qualname.replace(".<locals>", "")


def _is_symbolic(value: Any) -> bool:
    """A graph tensor (something else is tracing) or a Keras symbolic tensor (Keras is
    inferring shapes): not an input an eager call site passes."""
    if isinstance(value, _KERAS_TENSOR):
        return True
    return _is_graph_tensor(value)


def _is_graph_tensor(value: Any) -> bool:
    flat = tf.nest.flatten(value, expand_composites=False) if not isinstance(
        value, (str, bytes)) else []
    return any(isinstance(v, tf.Tensor) and not hasattr(v, "numpy") for v in flat) or any(
        tf.is_symbolic_tensor(v) for v in flat if isinstance(v, tf.Tensor))


def _copy(value: Any) -> Any:
    if isinstance(value, (tf.Variable, tf.Module, tf.keras.layers.Layer)):
        return value  # identity matters; state is restored separately
    try:
        return copy.deepcopy(value)
    except Exception:  # noqa: BLE001 - uncopyable objects are passed as they are
        return value


class Recorder:
    """Records (function object, arguments, pre-call state of shared objects) per target."""

    def __init__(self, root: Path, targets: dict[str, tuple[str, str]],
                 keras_symbolic: frozenset[str] = frozenset()) -> None:
        self.root = str(root)
        #: Targets whose calls with Keras symbolic tensors are kept (the rule about them).
        self.keras_symbolic = keras_symbolic
        # (relative file, code qualname) -> the analysis' qualified names it stands for
        self.targets: dict[tuple[str, str], list[str]] = {}
        for name, key in targets.items():
            self.targets.setdefault(key, []).append(name)
        self.calls: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
        self._functions: dict[Any, Any] = {}

    def _function_of(self, code):
        if code not in self._functions:
            found = [f for f in gc.get_referrers(code) if getattr(f, "__code__", None) is code]
            self._functions[code] = found[0] if found else None
        return self._functions[code]

    def _wanted(self, code) -> list[str]:
        if not code.co_filename.startswith(self.root):
            return []
        relative = os.path.relpath(code.co_filename, self.root).replace(os.sep, "/")
        names = self.targets.get((relative, _code_key(code)), [])
        return [n for n in names if len(self.calls[n]) < CALLS_COMPARED]

    def _add(self, names: list[str], record: dict[str, Any]) -> None:
        values = record["values"]
        if any(_is_graph_tensor(v) for v in values):  # not while tracing
            return
        keras = any(isinstance(v, _KERAS_TENSOR) for v in values)
        for name in names:
            if not keras or name in self.keras_symbolic:
                self.calls[name].append(record)

    def __call__(self, frame, event, arg):  # sys.setprofile hook
        if event != "call":
            return
        code = frame.f_code
        if code.co_name == "__call__" and _is_tf_function_call(frame):
            self._record_hybrid(frame)
            return
        names = self._wanted(code)
        if not names:
            return
        count = code.co_argcount + code.co_kwonlyargcount
        parameters = list(code.co_varnames[:count])
        values = [frame.f_locals[n] for n in parameters]
        if any(_is_graph_tensor(v) for v in values) or (
                any(_is_symbolic(v) for v in values)
                and not self.keras_symbolic.intersection(names)):
            return
        copies = [_copy(v) for v in values]
        self._add(names, {"function": self._function_of(code), "names": parameters,
                          "kwonly": code.co_kwonlyargcount, "values": copies,
                          "object_states": _object_states(parameters, values, copies)})

    def _record_hybrid(self, frame) -> None:
        """A call of a ``tf.function`` object: its Python function runs only while tracing."""
        function = frame.f_locals["self"]
        code = getattr(function.python_function, "__code__", None)
        names = self._wanted(code) if code is not None else []
        if not names:
            return
        args, kwargs = frame.f_locals["args"], frame.f_locals.get("kwds") or {}
        keywords = list(kwargs)
        self._add(names, {"function": function,
                          "names": [f"#{i}" for i in range(len(args))] + keywords,
                          "kwonly": len(keywords),
                          "values": [_copy(v) for v in [*args, *kwargs.values()]],
                          "object_states": {}})


def _is_tf_function_call(frame) -> bool:
    owner = frame.f_locals.get("self")
    return owner is not None and hasattr(owner, "python_function") and "args" in frame.f_locals


def _arguments(call: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    values = [_copy(v) for v in call["values"]]
    split = len(values) - call["kwonly"]
    return values[:split], dict(zip(call["names"][split:], values[split:], strict=True))


def _object_states(names: list[str], values: list[Any], copies: list[Any]
                   ) -> dict[int, dict[str, Any]]:
    """Public attributes, before the call, of the objects passed by identity (the receiver,
    layers and models): every replay starts from them."""
    states = {}
    for index, (name, value, copied) in enumerate(zip(names, values, copies, strict=True)):
        shared = copied is value or name == "self"
        if shared and hasattr(value, "__dict__") and not isinstance(value, (type, type(sys))):
            states[index] = {k: v for k, v in vars(value).items() if not k.startswith("_")}
    return states


def _restore_objects(call: dict[str, Any], args: list[Any]) -> None:
    """Puts shared objects' public attributes back as they were before the recorded call.

    Private ones (framework bookkeeping such as Keras' trackers) are left alone.
    """
    for index, state in call["object_states"].items():
        target = call["values"][index]
        if index < len(args):
            args[index] = target
        for key in [k for k in vars(target) if not k.startswith("_") and k not in state]:
            with contextlib.suppress(Exception):
                delattr(target, key)
        for key, value in state.items():
            if vars(target).get(key, object()) is not value:
                with contextlib.suppress(Exception):
                    setattr(target, key, value)


def _variables(call: dict[str, Any], function: Any) -> list[tf.Variable]:
    found: dict[int, tf.Variable] = {}
    roots = list(call["values"]) + list(getattr(function, "__globals__", {}).values())
    for root in roots:
        if isinstance(root, tf.Variable):
            found[id(root)] = root
        elif isinstance(root, tf.Module) or isinstance(root, tf.keras.layers.Layer):
            for v in getattr(root, "variables", []):
                found[id(v)] = v
            optimizer = getattr(root, "optimizer", None)
            for v in getattr(optimizer, "variables", []) or []:
                found[id(v)] = v
        elif isinstance(root, tf.keras.metrics.Metric):
            for v in root.variables:
                found[id(v)] = v
    return list(found.values())


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, tf.data.Dataset) and isinstance(b, tf.data.Dataset):
        # A traced function returns its dataset as a variant: the elements must agree.
        return _same(list(a), list(b))
    fa, fb = [_dense(v) for v in tf.nest.flatten(a)], [_dense(v) for v in tf.nest.flatten(b)]
    if len(fa) != len(fb):
        return False
    for x, y in zip(fa, fb, strict=True):
        if isinstance(x, (tf.Tensor, np.ndarray, tf.Variable)) or isinstance(
                y, (tf.Tensor, np.ndarray, tf.Variable)):
            x, y = np.asarray(x), np.asarray(y)
            numeric = x.dtype.kind in "biufc" and y.dtype.kind in "biufc"
            if x.shape != y.shape or not (np.allclose(x, y, equal_nan=True) if numeric
                                          else np.array_equal(x, y)):
                return False
        elif x != y:
            return False
    return True


def _dense(value: Any) -> Any:
    """Ragged and sparse tensors compare as their dense (padded) forms."""
    if isinstance(value, tf.RaggedTensor):
        return value.to_tensor()
    return tf.sparse.to_dense(value) if isinstance(value, tf.SparseTensor) else value


def _python_function(function: Any) -> Any:
    return getattr(function, "python_function", function)


def _trainable(call: dict[str, Any]) -> list[Any]:
    """Trainable weights of the layers, models and modules the call receives."""
    found: dict[int, Any] = {}
    for value in call["values"]:
        if isinstance(value, (tf.Module, tf.keras.layers.Layer)):
            for variable in getattr(value, "trainable_variables", []):
                found[id(variable)] = variable
    return list(found.values())


def _run_with_gradients(function: Any, call: dict[str, Any], weights: list[Any]
                        ) -> tuple[Any, list[Any] | None]:
    """Outputs, and the gradients a GradientTape outside the call sees for ``weights``."""
    args, kwargs = _arguments(call)
    _restore_objects(call, args)
    with tf.GradientTape() as tape:
        out = function(*args, **kwargs)
        floats = [t for t in tf.nest.flatten(out)
                  if isinstance(t, tf.Tensor) and t.dtype.is_floating]
        target = tf.add_n([tf.reduce_sum(t) for t in floats]) if floats else None
    if not weights or target is None:
        return out, None
    return out, tape.gradient(target, weights)


def _same_gradients(a: list[Any] | None, b: list[Any] | None) -> bool:
    if a is None or b is None:
        return a is b
    return all((x is None) == (y is None) and (x is None or np.allclose(x, y))
               for x, y in zip(a, b, strict=True))


def check_p1(name: str, calls: list[dict[str, Any]]) -> dict[str, Any]:
    """Eager and traced runs agree on outputs and on the gradients of received weights."""
    if not calls:
        return {"ok": False, "detail": "no call recorded: the program never ran it eagerly"}
    booleans = None
    for call in calls:
        function = _python_function(call["function"])
        variables = _variables(call, function)
        saved = [v.numpy() for v in variables]
        weights = _trainable(call)
        eager, eager_grads = _run_with_gradients(function, call, weights)
        for v, value in zip(variables, saved, strict=True):
            v.assign(value)
        try:
            traced, traced_grads = _run_with_gradients(tf.function(function), call, weights)
        except Exception as exc:  # noqa: BLE001
            return {"ok": False, "detail": f"tracing raised {type(exc).__name__}: {exc}"}
        if not _same(eager, traced):
            return {"ok": False, "detail": f"outputs differ: eager {eager!r} traced {traced!r}"}
        if not _same_gradients(eager_grads, traced_grads):
            missing = [w.name for w, g in zip(weights, traced_grads or [], strict=False)
                       if g is None]
            return {"ok": False, "detail": f"gradients differ; traced gives none for {missing}"}
        framework = _check_through_framework(function, call, weights)
        if framework is not None:
            return framework
        flags = boolean_traces(function, call, _arguments)
        if flags is not None and flags["traces"] > flags["combinations"]:
            return {"ok": False, "detail": f"booleans retraced: {flags}"}
        booleans = flags or booleans
    return {"ok": True, "detail": f"{len(calls)} recorded input(s) agree",
            "boolean_traces": booleans}


#: Operations a traced graph has without computing anything: inputs, constants, outputs.
_NO_COMPUTATION_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp"})


def check_barren(name: str, calls: list[dict[str, Any]]) -> dict[str, Any]:
    """Converting would be correct (the P1 check holds) but pointless: the graphs traced for
    the recorded inputs compute nothing (no operation beyond inputs, constants, outputs)."""
    result = check_p1(name, calls)
    if not result["ok"]:
        return result
    for call in calls:
        args, kwargs = _arguments(call)
        traced = tf.function(_python_function(call["function"]))
        graph = traced.get_concrete_function(*args, **kwargs).graph
        computing = sorted({op.type for op in graph.get_operations()} - _NO_COMPUTATION_OPS)
        if computing:
            return {"ok": False, "detail": f"the traced graph computes: {computing}"}
    return {**result, "detail": f"{result['detail']}; the traced graphs compute nothing"}


def _check_through_framework(function: Any, call: dict[str, Any], weights: list[Any]
                             ) -> dict[str, Any] | None:
    """A Keras ``call`` is reached through ``layer(x)``: decorate it in its class, as the
    refactoring would, and compare what a caller of the layer sees."""
    receiver = call["values"][0] if call["values"] else None
    if function.__name__ != "call" or not isinstance(receiver, tf.keras.layers.Layer):
        return None
    # Keras takes only the inputs positionally: ``training`` and the rest go by keyword.
    through = {**call, "function": receiver, "values": call["values"][1:],
               "names": call["names"][1:], "object_states": {},
               "kwonly": max(call["kwonly"], len(call["values"]) - 2)}
    owner = next(c for c in type(receiver).__mro__ if "call" in vars(c))
    eager, eager_grads = _run_with_gradients(receiver, through, weights)
    original = vars(owner)["call"]
    owner.call = tf.function(function)
    try:
        traced, traced_grads = _run_with_gradients(receiver, through, weights)
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "detail": f"the decorated call raised {type(exc).__name__}: {exc}"}
    finally:
        owner.call = original
    if not _same(eager, traced):
        return {"ok": False, "detail": "outputs through the layer differ"}
    if not _same_gradients(eager_grads, traced_grads):
        missing = [w.name for w, g in zip(weights, traced_grads or [], strict=False)
                   if g is None]
        return {"ok": False, "detail": f"with call decorated, a tape outside the layer gets "
                                       f"no gradients for {missing}"}
    if call.get("init") is not None:
        return _check_fresh_layer(owner, function, call, through)
    return None


def _fresh_gradients(cls: type, init: dict[str, Any], through: dict[str, Any]) -> list[bool]:
    """Which weights of a new layer, built by its first call, get a gradient."""
    args, kwargs = _arguments(init)
    layer = cls(*args[1:], **kwargs)
    inputs, input_kwargs = _arguments(through)
    with tf.GradientTape() as tape:
        out = layer(*inputs, **input_kwargs)
        floats = [t for t in tf.nest.flatten(out) if t.dtype.is_floating]
        target = tf.add_n([tf.reduce_sum(t) for t in floats])
    return [g is not None for g in tape.gradient(target, layer.trainable_variables)]


def _check_fresh_layer(owner: type, function: Any, call: dict[str, Any],
                       through: dict[str, Any]) -> dict[str, Any] | None:
    """Layers build their weights in their first call: with call decorated, that happens
    while tracing. Construct one as the program did and compare which weights train."""
    cls = type(call["values"][0])
    eager = _fresh_gradients(cls, call["init"], through)
    original = vars(owner)["call"]
    owner.call = tf.function(function)
    try:
        traced = _fresh_gradients(cls, call["init"], through)
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "detail": f"a fresh layer with call decorated raised {exc!r}"}
    finally:
        owner.call = original
    if eager != traced:
        return {"ok": False, "detail": f"a fresh layer with call decorated trains weights "
                                       f"{traced} instead of {eager}"}
    return None


def _describe(value: Any, depth: int = 0) -> str:
    """Scalars by value, containers by content, other objects by identity."""
    if isinstance(value, (int, float, str, bool, type(None))):
        return repr(value)[:200]
    if depth < 3 and isinstance(value, (list, tuple, set)):
        return f"{type(value).__name__}[" + ", ".join(
            _describe(v, depth + 1) for v in list(value)[:50]) + "]"
    if depth < 3 and isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_describe(v, depth + 1)}"
                               for k, v in list(value.items())[:50]) + "}"
    return f"<{type(value).__name__} {id(value)}>"


def _is_plain_object(value: Any) -> bool:
    """An instance of a project class (not a TensorFlow object): its fields are state."""
    return hasattr(value, "__dict__") and not isinstance(
        value, (type, type(sys), tf.Module, tf.Variable)) and not callable(value)


def _snapshot(call: dict[str, Any], args: list[Any], function: Any) -> dict[str, str]:
    state: dict[str, str] = {}
    for key, value in getattr(function, "__globals__", {}).items():
        if not key.startswith("__") and not callable(value) and not isinstance(
                value, type(sys)):
            state[f"global {key}"] = _describe(value)
            if isinstance(value, str) and os.path.isfile(value):
                state[f"file {value}"] = str(os.path.getsize(value))
            if _is_plain_object(value):
                for name, attribute in vars(value).items():
                    if not name.startswith("_"):
                        state[f"global {key}.{name}"] = _describe(attribute)
    for index, value in enumerate(args):
        state[f"arg {index}"] = _describe(value)
        for key, attribute in getattr(value, "__dict__", {}).items():
            if not key.startswith("_"):
                state[f"arg {index}.{key}"] = _describe(attribute)
    for index, cell in enumerate(getattr(function, "__closure__", None) or ()):
        with contextlib.suppress(ValueError):
            state[f"cell {index}"] = _describe(cell.cell_contents)
    return state


class _LogRecords(logging.Handler):
    """Log messages emitted during one call (handlers may hold the real stderr)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _observe(call: dict[str, Any], runner: Any, function: Any) -> list[Any]:
    observations = []
    for _ in range(CALLS_COMPARED):
        args, kwargs = _arguments(call)
        _restore_objects(call, args)
        before = _snapshot(call, args, function)
        out, err = io.StringIO(), io.StringIO()
        records = _LogRecords()
        failure = None
        logging.getLogger().addHandler(records)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                runner(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001
                failure = f"{type(exc).__name__}: {str(exc)[:150]}"
            finally:
                logging.getLogger().removeHandler(records)
        after = _snapshot(call, args, function)
        changed = sorted(k for k in after if after[k] != before.get(k))
        observations.append({"stdout": out.getvalue(), "stderr": err.getvalue() != "",
                             "logged": records.messages,
                             "changed": changed, "raised": failure})
    return observations


def check_effect(name: str, calls: list[dict[str, Any]]) -> dict[str, Any]:
    if not calls:
        return {"ok": False, "detail": "no call recorded: the program never ran it eagerly"}
    call = calls[0]
    function = _python_function(call["function"])
    shared = [call["values"][i] for i in call["object_states"]]
    saved = [dict(vars(obj)) for obj in shared]
    try:
        eager = _observe(call, function, function)
        traced = _observe(call, tf.function(function), function)
    finally:  # later checks of the same program start from its state after the run
        for obj, state in zip(shared, saved, strict=True):
            vars(obj).clear()
            vars(obj).update(state)
    if eager == traced:
        return {"ok": False, "detail": f"traced calls behave like eager ones: {eager}"}
    errors = {o["raised"] for o in traced if o["raised"]}
    # TensorFlow itself refusing an argument mutation demonstrates the effect; any other
    # error only shows that the function cannot be traced.
    unexplained = {e for e in errors if _MUTATION_REFUSED not in e}
    if unexplained:
        return {"ok": False, "detail": f"tracing raised {sorted(unexplained)}"}
    return {"ok": True, "detail": f"eager {eager} vs traced {traced}"}


def check_symbolic(name: str, calls: list[dict[str, Any]]) -> dict[str, Any]:
    """Each recorded call that passes a Keras symbolic tensor: ok when ``tf.function``
    refuses it (the program itself ran the call eagerly, it was recorded)."""
    symbolic = [c for c in calls if any(isinstance(v, _KERAS_TENSOR) for v in c["values"])]
    if not symbolic:
        return {"ok": False, "detail": "no call with a Keras symbolic tensor was recorded"}
    for call in symbolic:
        args, kwargs = _arguments(call)
        try:
            tf.function(_python_function(call["function"]))(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the refusal is the result
            detail = f"tracing raised {type(exc).__name__}: {str(exc)[:200]}"
            continue
        return {"ok": False, "detail": "tf.function accepted the Keras symbolic tensor"}
    return {"ok": True, "detail": detail}


def _inputs(expression: str, module_globals: dict[str, Any]) -> list[dict[str, Any]]:
    values = eval(expression, {"tf": tf, "np": np, **module_globals})  # noqa: S307 - test data
    return [{"function": None, "names": [], "kwonly": 0, "values": values,
             "object_states": {}}]


def run_job(job: dict[str, Any]) -> list[dict[str, Any]]:
    root = Path(job["fixture"]).resolve()
    targets = {name: (spec["file"], spec["code"]) for name, spec in job["functions"].items()}
    # A Keras call is also checked on a fresh layer: record how the program constructs it.
    for name, (file, code) in list(targets.items()):
        if code.endswith(".call") and job["functions"][name]["check"] != "effect":
            targets[f"{name}#init"] = (file, code.removesuffix(".call") + ".__init__")
    recorder = Recorder(root, targets, frozenset(
        name for name, spec in job["functions"].items() if spec["check"] == "symbolic"))
    for module in [m for m in sys.modules if m.split(".")[0] in job["modules"]]:
        del sys.modules[module]
    sys.path.insert(0, str(root))
    results = []
    try:
        # The program's own output must not mix with the results on stdout.
        with contextlib.redirect_stdout(sys.stderr):
            sys.setprofile(recorder)
            try:
                namespace = runpy.run_path(str(root / "main.py"), run_name="__main__")
            finally:
                sys.setprofile(None)
        # P1 checks first: they leave the program's objects as they found them.
        for name, spec in sorted(job["functions"].items(),
                                 key=lambda i: i[1]["check"] == "effect"):
            calls = recorder.calls[name]
            # How often the program called it outside any trace (a covered function: never).
            eager_calls = len(calls)
            if not calls and name in job.get("inputs", {}):
                # Inputs see the function's own module, then the program's (main's) names.
                module = _module_namespace(namespace, spec["file"])
                calls = _inputs(job["inputs"][name], {**namespace, **module})
                for call in calls:
                    call["function"] = _lookup(module, spec["code"])
            # "blocked": a function the analysis refuses although P1's attributes hold; the
            # P1 check is expected to fail on it.
            check = {"effect": check_effect, "barren": check_barren,
                     "symbolic": check_symbolic}.get(spec["check"], check_p1)
            for call in calls:
                call["init"] = (recorder.calls.get(f"{name}#init") or [None])[0]
            try:
                result = check(name, calls)
            except Exception:  # noqa: BLE001
                result = {"ok": False, "detail": traceback.format_exc(limit=3)}
            results.append({"fixture": job.get("label", root.name), "function": name,
                            "check": spec["check"], "eager_calls": eager_calls, **result})
    finally:
        sys.path.remove(str(root))
    return results


def _module_namespace(main: dict[str, Any], file: str) -> dict[str, Any]:
    """The globals of the fixture module ``file`` (``pkg/mod.py``) the program imported."""
    if file == "main.py":
        return main
    module = file.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    return vars(sys.modules[module])


def _lookup(namespace: dict[str, Any], code_name: str) -> Any:
    value: Any = namespace
    for part in code_name.split("."):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


def main() -> None:
    jobs = json.loads(Path(sys.argv[1]).read_text())
    tf.get_logger().setLevel("ERROR")
    for job in jobs:
        try:
            results = run_job(job)
        except Exception:  # noqa: BLE001 - a broken fixture fails its own tests only
            results = [{"fixture": job.get("label", Path(job["fixture"]).name), "function": name,
                        "check": spec["check"], "ok": False,
                        "detail": traceback.format_exc(limit=5)}
                       for name, spec in job["functions"].items()]
        for result in results:
            print(json.dumps(result, default=str), flush=True)


if __name__ == "__main__":
    main()
