import contextlib
import functools

import tensorflow as tf


def trace(fn):
    return fn


@tf.function
@functools.wraps(trace)
@trace
def stacked(x):
    return x


@trace
@trace
def middle(x):
    return x
