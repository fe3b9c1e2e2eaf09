"""The module imports TensorFlow only after the definition runs."""


def f(x):
    return x


import tensorflow as tf  # noqa: E402
