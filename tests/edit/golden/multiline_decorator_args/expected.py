import tensorflow as tf


def normalise(x):
    return x / tf.reduce_sum(x)


def identity(x):
    return x
