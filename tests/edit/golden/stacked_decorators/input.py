import contextlib
import functools

import tensorflow as tf


def trace(fn):
    return fn


@functools.wraps(trace)
@trace
def stacked(x):
    return x


@trace
@tf.function
@trace
def middle(x):
    return x
