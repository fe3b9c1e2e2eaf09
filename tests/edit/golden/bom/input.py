# Fichier avec BOM, accents: é à ü.
import tensorflow as tf


def f(x):
    return x + 1


@tf.function
def g(x):
    return x - 1
