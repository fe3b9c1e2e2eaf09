import tensorflow as tf


@tf.function
def bare(x):
    return x * 2.0


@tf.function(
    jit_compile=False,  # arguments spread over lines
    reduce_retracing=True,
)
def configured(x):
    return x + 1.0


class Model:
    @staticmethod
    @tf.function
    def static(x):
        return x - 1.0

    @classmethod
    @tf.function(reduce_retracing=True)
    def build(cls, x):
        return cls.static(x) * 3.0

    @tf.function
    @staticmethod
    def static_outer(x):
        # tf.function above staticmethod works through the class only.
        return x * 4.0

    @tf.function
    def method(self, x):
        return self.static(x) + self.build(x)


x = tf.constant([1.0, 2.0])
model = Model()
print(bare(x), configured(x), Model.static(x), model.static(x), Model.build(x))
print(model.build(x), Model.static_outer(x), model.method(x))
