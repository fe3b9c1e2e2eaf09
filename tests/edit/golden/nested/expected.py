import tensorflow as tf


class Outer:
    class Inner:
        @tf.function
        def method(self, x):
            @tf.function
            def helper(y):
                return y + 1

            return helper(x)

        def traced(self, x):
            return x


def outer(x):
    @tf.function
    def inner(y):
        class Local:
            @tf.function
            def deep(self, z):
                return z * 2

        return Local().deep(y)

    return inner(x)
