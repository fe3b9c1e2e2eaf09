# Fichier avec BOM, accents: é à ü.
import tensorflow as tf


@tf.function
def f(x):
    return x + 1


def g(x):
    return x - 1
