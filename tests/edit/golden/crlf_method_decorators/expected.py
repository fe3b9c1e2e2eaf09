import tensorflow as tf


class Model:
    @staticmethod  # static
    # comment
    @tf.function
    def scale(x):
        return x * 2

    @classmethod
    @tf.function
    def build(cls, x):
        return cls.scale(x)
