"""A synthetic MNIST-like dataset: 28x28 "images" and 10 labels, no downloads."""

import tensorflow as tf


def synthetic_examples(num_examples):
    """Random images and labels, seeded so every run is the same (a Python int parameter)."""
    generator = tf.random.Generator.from_seed(7)
    images = generator.uniform([num_examples, 28, 28], maxval=255.0)
    labels = generator.uniform([num_examples], maxval=10, dtype=tf.int32)
    return images, labels


def normalize(images, labels):
    """Called by tf.data for every batch: a candidate for @tf.function."""
    return tf.cast(images, tf.float32) / 255.0, labels


def augment(images, factor):
    """Brightness scaling by a Python float: tracing would retrace for every new factor."""
    return tf.clip_by_value(images * factor, 0.0, 1.0)


def make_dataset(num_examples, batch_size):
    images, labels = synthetic_examples(num_examples)
    dataset = tf.data.Dataset.from_tensor_slices((images, labels))
    return dataset.shuffle(num_examples, seed=1).batch(batch_size).map(normalize)
