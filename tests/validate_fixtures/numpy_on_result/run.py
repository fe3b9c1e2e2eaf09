"""Calls NumPy on a tensor the function computed (not on a parameter): fine eagerly, but a
symbolic tensor has no value while tracing. The analysis converts it as safe (rule 16 looks
at parameters only); `validate` shows the conversion raises."""

import numpy as np
import tensorflow as tf


def total(x):
    """NumPy needs the tensor's value: while tracing, `doubled` is symbolic and has none."""
    doubled = x * 2.0
    return np.sum(doubled)


def main():
    for step in range(2):
        print(total(tf.constant([1.0, 2.0 + step])))


if __name__ == "__main__":
    main()
