import tensorflow as tf


@tf.function(
    input_signature=[
        tf.TensorSpec(shape=[None], dtype=tf.float32),  # vector
    ],
    jit_compile=True,
)  # closing comment goes too
def normalise(x):
    return x / tf.reduce_sum(x)


@tf.function(reduce_retracing=True)
def identity(x):
    return x
