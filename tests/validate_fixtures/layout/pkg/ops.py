"""A method and a nested function: targets the probes find by their place in the module."""

import tensorflow as tf


class Scaler:
    def __init__(self, factor):
        self.factor = tf.constant(factor)

    def apply(self, x):
        return x * self.factor


def outer(x):
    def inner(y):
        return y + 1.0

    return inner(x) * 2.0
