import tensorflow as tf


def add(x, y):
    return x + y


@tf.function(
    reduce_retracing=True,
)
def sub(x, y):
    return x - y
