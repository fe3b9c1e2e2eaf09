import functools

import tensorflow as tf


def register(*names):
    return lambda fn: fn


class Model:
    @staticmethod
    def scale(x):
        return x * 2

    @classmethod  # built from the class
    # the comment right above the def stays there
    def build(cls, x):
        return cls.scale(x)

    @register(
        "first",  # a name
        "second",
    )
    # tf.function goes below this comment
    def named(self, x):
        return x

    @staticmethod
    @tf.function(jit_compile=True)
    def traced_static(x):
        return x

    @classmethod
    @tf.function
    def traced_class(cls, x):
        return x

    @tf.function
    @functools.lru_cache(maxsize=None)
    def traced_outermost(self, x):
        return x
