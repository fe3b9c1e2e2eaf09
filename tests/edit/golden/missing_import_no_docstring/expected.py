import tensorflow as tf
@tf.function
def first(x):
    return x