import functools

import tensorflow as tf


def register(*names):
    return lambda fn: fn


class Model:
    @staticmethod
    @tf.function
    def scale(x):
        return x * 2

    @classmethod  # built from the class
    # the comment right above the def stays there
    @tf.function
    def build(cls, x):
        return cls.scale(x)

    @register(
        "first",  # a name
        "second",
    )
    # tf.function goes below this comment
    @tf.function
    def named(self, x):
        return x

    @staticmethod
    def traced_static(x):
        return x

    @classmethod
    def traced_class(cls, x):
        return x

    @functools.lru_cache(maxsize=None)
    def traced_outermost(self, x):
        return x
