"""Scales tensors by a factor kept in a config object that the program changes between calls."""

import tensorflow as tf

SCALE = 1.0


class Config:
    def __init__(self):
        self.scale = 1.0


def scaled(config, x):
    """Reads config.scale: traced once, a tf.function keeps the first value it saw."""
    return x * config.scale


def global_scaled(x):
    return x * SCALE


def shifted(x):
    """Pure tensor code: converting it is right."""
    return x + 1.0


def main():
    global SCALE
    config = Config()
    for step in range(3):
        config.scale = 1.0 + step
        SCALE = 1.0 + step
        x = tf.constant([1.0, 2.0])
        print(scaled(config, x).numpy(), global_scaled(x).numpy(), shifted(x).numpy())


if __name__ == "__main__":
    main()
