import tensorflow as tf


class Outer:
    class Inner:
        def method(self, x):
            def helper(y):
                return y + 1

            return helper(x)

        @tf.function
        def traced(self, x):
            return x


def outer(x):
    def inner(y):
        class Local:
            def deep(self, z):
                return z * 2

        return Local().deep(y)

    return inner(x)
