import tensorflow as tf


class Model:
    @staticmethod  # static
    # comment
    def scale(x):
        return x * 2

    @classmethod
    def build(cls, x):
        return cls.scale(x)
