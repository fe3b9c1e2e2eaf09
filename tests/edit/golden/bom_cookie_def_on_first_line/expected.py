# -*- coding: utf-8 -*-
import tensorflow as tf
@tf.function
def f(x):
    return x  # é


def g(x):
    return x
