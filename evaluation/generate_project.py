"""Generates a synthetic TF2-style project of a given size, for call-graph benchmarks.

Each module imports a few earlier modules and holds helpers, a Keras-like class with
methods, closures, lambdas and calls across modules, so the call graph has the shapes
real projects have (cross-module calls, methods through `self`, higher-order calls).
Deterministic for a given seed.

    python evaluation/generate_project.py OUT_DIR --kloc 10
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

_MODULE_HEADER = '''"""Generated module {index}."""
import tensorflow as tf
{imports}

SCALE_{index} = {index}
'''

_FUNCTION = '''

def helper_{index}_{k}(x, y=1.0):
    z = tf.add(x, y)
    for _ in range(2):
        z = tf.multiply(z, 0.5)
    if {cond}:
        z = {callee}(z)
    return z
'''

_CLASS = '''

class Block{index}_{k}:
    def __init__(self, units):
        self.units = units
        self.scale = tf.constant(float(units))

    def call(self, inputs):
        hidden = self.project(inputs)
        return {callee}(hidden)

    def project(self, inputs):
        def inner(v):
            return tf.multiply(v, self.scale)
        return inner(inputs)

    @staticmethod
    def describe(values):
        return [str(v) for v in values]
'''

_DRIVER = '''

def train_{index}_{k}(data):
    block = Block{index}_{k}(4)
    result = block.call(data)
    squash = lambda t: tf.nn.relu(t)
    out = squash(result)
    values = [helper_{index}_{j}(out) for _ in range(2)]
    return {remote}(values[0])
'''


def _module(index: int, rng: random.Random, units: int) -> str:
    earlier = rng.sample(range(index), k=min(3, index)) if index else []
    imports = "\n".join(f"from gen import mod{e}" for e in earlier)
    parts = [_MODULE_HEADER.format(index=index, imports=imports)]
    for k in range(units):
        local_callees = [f"helper_{index}_{j}" for j in range(k)]
        remote = [f"mod{e}.helper_{e}_{rng.randrange(units)}" for e in earlier]
        callee = rng.choice(local_callees + remote) if local_callees or remote else "tf.identity"
        parts.append(_FUNCTION.format(index=index, k=k, callee=callee,
                                      cond=rng.choice(["True", "x is None", "y > 0"])))
        parts.append(_CLASS.format(index=index, k=k, callee=callee))
        parts.append(_DRIVER.format(index=index, k=k, j=rng.randrange(k + 1),
                                    remote=rng.choice(remote or [f"helper_{index}_{k}"])))
    return "".join(parts)


def generate(out: Path, kloc: float, seed: int = 0, units_per_module: int = 5) -> int:
    """Writes ``out/gen/mod*.py`` until about ``kloc`` thousand lines; returns the line count."""
    rng = random.Random(seed)
    package = out / "gen"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    lines, index = 0, 0
    while lines < kloc * 1000:
        text = _module(index, rng, units_per_module)
        (package / f"mod{index}.py").write_text(text, encoding="utf-8")
        lines += text.count("\n")
        index += 1
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--kloc", type=float, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{generate(args.out, args.kloc, args.seed)} lines in {args.out}")


if __name__ == "__main__":
    main()
