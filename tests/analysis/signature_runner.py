"""Runs a fixture's ``run()`` with every tf.function of its module recorded (TensorFlow only
ever runs here, in a subprocess): per function, each call's output or the exception it raised,
and how many times it traced. Prints JSON."""

import importlib.util
import json
import sys
from pathlib import Path

import tensorflow as tf


def main(path: str) -> None:
    sys.path.insert(0, str(Path(path).parent))  # the fixture's other modules
    spec = importlib.util.spec_from_file_location("fixture_main", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    calls: dict[str, list] = {}
    functions = {name: value for name, value in vars(module).items()
                 if hasattr(value, "experimental_get_tracing_count")}
    for name, function in functions.items():
        def recorded(*args, _name=name, _function=function):
            if not tf.executing_eagerly():
                # Called inside a trace (a function Dataset.map runs): the caller's graph needs
                # the result, and there is no value to record yet.
                return _function(*args)
            try:
                result = _function(*args)
            except (TypeError, ValueError, AttributeError) as error:
                calls.setdefault(_name, []).append(f"raises {type(error).__name__}")
                return None
            calls.setdefault(_name, []).append(result.numpy().tolist())
            return result
        setattr(module, name, recorded)
    tf.random.set_seed(0)  # both runs draw the same random inputs
    module.run()
    traces = {name: f.experimental_get_tracing_count() for name, f in functions.items()}
    print(json.dumps({"calls": calls, "traces": traces}))


if __name__ == "__main__":
    tf.get_logger().setLevel("ERROR")
    main(sys.argv[1])
