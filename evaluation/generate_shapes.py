"""Generates the pathological shapes of the scale benchmark: one module that is one huge list
literal, or one module of very many small functions, beside a small ordinary module (so the
report must still analyse the rest). Deterministic.

    python evaluation/generate_shapes.py OUT_DIR --list-items 40000
    python evaluation/generate_shapes.py OUT_DIR --functions 10000
"""

from __future__ import annotations

import argparse
from pathlib import Path

_ORDINARY = '''"""An ordinary module beside the pathological one."""
import tensorflow as tf


def scale(x):
    return tf.multiply(x, 2.0)


def caller():
    return scale(tf.constant(1.0))
'''


def list_literal(items: int) -> str:
    """``DATA = [0, 1, ...]`` with ``items`` integers, then a function reading it."""
    values = ",\n    ".join(str(i) for i in range(items))
    return (f'"""One list literal of {items} items."""\n\nDATA = [\n    {values},\n]\n\n\n'
            "def first():\n    return DATA[0]\n")


def many_functions(count: int) -> str:
    """``count`` small functions, each calling the previous one."""
    parts = ['"""Many small functions."""\n\n\ndef f_0(x):\n    return x\n']
    parts += [f"\n\ndef f_{i}(x):\n    return f_{i - 1}(x) + {i}\n" for i in range(1, count)]
    return "".join(parts)


def generate(out: Path, list_items: int = 0, functions: int = 0) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "ordinary.py").write_text(_ORDINARY)
    if list_items:
        (out / "big_list.py").write_text(list_literal(list_items))
    if functions:
        (out / "many_functions.py").write_text(many_functions(functions))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--list-items", type=int, default=0)
    parser.add_argument("--functions", type=int, default=0)
    args = parser.parse_args()
    generate(args.out, args.list_items, args.functions)


if __name__ == "__main__":
    main()
