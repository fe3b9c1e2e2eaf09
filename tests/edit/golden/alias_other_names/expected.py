import tensorflow as tfx
import tensorflow.compat.v2 as tf2
from tensorflow import function as tf_function


@tfx.function
def double(x):
    return x * 2


def halve(x):
    return x / 2


def third(x):
    return x / 3


def quarter(x):
    return x / 4
