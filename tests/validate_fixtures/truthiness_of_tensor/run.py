"""Tests a float tensor's truthiness with `if`: eagerly Python asks the tensor's value, but
AutoGraph turns the `if` into tf.cond, which needs a tf.bool condition. No rule sees it (the
dtype is not known statically), so the analysis converts it as safe; `validate` shows the
traced call raises."""

import tensorflow as tf


def total(x):
    """Eagerly `if s:` is Python truthiness; traced, the condition must be a tf.bool."""
    s = tf.reduce_sum(x * 2.0)
    if s:
        return s
    return -s


def main():
    for step in range(2):
        print(total(tf.constant([1.0, 2.0 + step])))


if __name__ == "__main__":
    main()
