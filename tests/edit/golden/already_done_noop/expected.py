import tensorflow as tf


@tf.function
def traced(x):
    return x


def eager(x):
    return x
