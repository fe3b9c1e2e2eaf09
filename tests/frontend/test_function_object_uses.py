"""Uses of a hybrid function's tf.function object, found by the pointer analysis (real JVM).

The decorator makes a Function object at its call site; every attribute read on it and its
flow into ``tf.saved_model.save`` are uses. The fixture reaches them through a module-level
alias, a bound method (``self.step``), another module, a signatures dict and the attributes of
saved objects; a function that is only called has none.
"""

from __future__ import annotations

import pytest
from frontend_helpers import build_fixture

pytestmark = pytest.mark.jvm


def uses(name: str) -> dict[str, set[tuple[str, int, str, str]]]:
    project = build_fixture(name)
    return {function: {(u.file, u.line, u.kind, u.detail) for u in found}
            for function, found in project.function_object_uses().items()}


def test_every_use_of_a_function_object_is_found_and_nothing_else() -> None:
    save = "tensorflow.saved_model.save"
    assert uses("function_object_uses") == {
        # Through the alias `alias = scale`, in another module.
        "model.scale": {("main.py", 5, "attribute", "get_concrete_function")},
        # Through `self.step` (a bound Function), and as an attribute of the saved trainer.
        "model.Trainer.step": {("model.py", 17, "attribute", "get_concrete_function"),
                               ("main.py", 8, "saved", save)},
        "model.Trainer.serve": {("main.py", 8, "signature", save), ("main.py", 8, "saved", save)},
        # Stored on a tf.Module that is saved.
        "model.kept": {("main.py", 11, "saved", save)},
        "model.raw": {("main.py", 12, "attribute", "python_function")},
    }


def test_calls_through_a_function_object_reach_the_function() -> None:
    project = build_fixture("function_object_uses")
    edges = {(e.caller, e.callee) for e in project.edges}
    assert ("main", "model.only_called") in edges
    # python_function is the wrapped function itself.
    assert ("main", "model.raw") in edges
    # get_concrete_function is the library's method of the Function object.
    assert ("model.Trainer.trace", "tensorflow.function.get_concrete_function") in edges
