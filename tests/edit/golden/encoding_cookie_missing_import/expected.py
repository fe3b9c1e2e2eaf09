#!/usr/bin/env python3
# -*- coding: utf-8 -*-
import tensorflow as tf
# Licence header: no docstring, no imports.


@tf.function
def relu(x):
    return x * (x > 0)
