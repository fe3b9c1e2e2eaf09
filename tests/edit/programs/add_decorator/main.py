import abc
import functools

import tensorflow as tf


def scaled(x):
    return x * 2.0


def logged(
    prefix,
):
    def wrap(fn):
        @functools.wraps(fn)
        def call(*args):
            return fn(*args)
        return call
    return wrap


class Base(abc.ABC):
    @abc.abstractmethod
    def shift(self, x):
        return x + 0.5


class Model(Base):
    def __init__(self):
        self.w = tf.constant(3.0)

    def method(self, x):
        return x * self.w

    @staticmethod
    def static(x):
        return x + 1.0

    @classmethod
    def build(cls, x):
        return cls.static(x) * 2.0

    @logged(
        "wrapped",  # a multi-line decorator
    )
    # a comment between the decorator and the def
    def wrapped(self, x):
        return x - 1.0

    @property
    def doubled(self):
        return self.w * 2.0

    @functools.cache
    def table(self, n):
        return tf.range(n)

    def shift(self, x):
        return super().shift(x) * self.w

    def through_self(self, x):
        return self.static(x) + self.build(x) + self.wrapped(x)


x = tf.constant([1.0, 2.0])
model = Model()
print(scaled(x), model.method(x), Model.static(x), model.static(x), Model.build(x))
print(model.build(x), model.wrapped(x), model.doubled, model.table(3), model.shift(x))
print(model.through_self(x))
