"""The module imports TensorFlow only after the definition runs."""
import tensorflow as tf


@tf.function
def f(x):
    return x


import tensorflow as tf  # noqa: E402
