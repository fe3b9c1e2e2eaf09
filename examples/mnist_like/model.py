"""A small Keras classifier, subclassing tf.keras.Model."""

import tensorflow as tf


class Classifier(tf.keras.Model):
    def __init__(self, hidden_units):
        super().__init__()
        self.flatten = tf.keras.layers.Flatten()
        self.hidden = tf.keras.layers.Dense(hidden_units, activation="relu")
        self.logits = tf.keras.layers.Dense(10)

    def call(self, inputs):
        # Keras calls this with tensors: the speculative analysis knows the contract.
        return self.logits(self.hidden(self.flatten(inputs)))


def count_layers(layers):
    """Recursive over nested lists of layers: tf.function cannot trace recursion."""
    total = 0
    for layer in layers:
        total += count_layers(layer) if isinstance(layer, list) else 1
    return total
