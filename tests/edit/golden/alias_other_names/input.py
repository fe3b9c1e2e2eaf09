import tensorflow as tfx
import tensorflow.compat.v2 as tf2
from tensorflow import function as tf_function


def double(x):
    return x * 2


@tf2.function
def halve(x):
    return x / 2


@tf_function
def third(x):
    return x / 3


@tfx.function()
def quarter(x):
    return x / 4
