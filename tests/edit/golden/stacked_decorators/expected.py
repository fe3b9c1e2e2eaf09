import contextlib
import functools

import tensorflow as tf


def trace(fn):
    return fn


@functools.wraps(trace)
@trace
@tf.function
def stacked(x):
    return x


@trace
@trace
def middle(x):
    return x
