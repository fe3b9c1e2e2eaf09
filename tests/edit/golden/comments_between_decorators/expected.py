import functools

import tensorflow as tf


def log(fn):
    return fn


# leading comment stays
@log  # why we log
# between log and tf.function
# between tf.function and wraps
@functools.lru_cache(maxsize=None)  # cache comment stays
def cached(x):
    return x


# about plain
@log  # outer comment
# inner comment
@tf.function
def plain(x):
    return x
