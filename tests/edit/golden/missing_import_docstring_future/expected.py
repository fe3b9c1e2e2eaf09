"""A module whose TensorFlow comes from elsewhere.

The import goes after this docstring and the __future__ import.
"""
from __future__ import annotations
import tensorflow as tf

import os


class Model:
    @tf.function
    def call(self, x):
        return x
