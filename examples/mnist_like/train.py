"""Trains the classifier for two short epochs on synthetic data (a few seconds on a CPU).

    python examples/mnist_like/train.py
"""

import tensorflow as tf
from data import augment, make_dataset
from model import Classifier, count_layers

loss_history = []


def compute_loss(logits, labels):
    """Pure tensor code: a candidate for @tf.function."""
    losses = tf.keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True)
    return tf.reduce_mean(losses)


def accuracy(logits, labels):
    predictions = tf.argmax(logits, axis=-1, output_type=tf.int32)
    return tf.reduce_mean(tf.cast(tf.equal(predictions, labels), tf.float32))


def train_step(model, optimizer, images, labels):
    """Only TensorFlow state changes (the optimizer's update): a candidate for @tf.function."""
    with tf.GradientTape() as tape:
        loss = compute_loss(model(images), labels)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


@tf.function
def evaluate_batch(model, images, labels):
    """Already hybrid, with tensor arguments only: it should stay hybrid."""
    return accuracy(model(images), labels)


@tf.function
def learning_rate(epoch):
    """Hybrid, but called with Python ints only: a graph does not pay off (CONVERT_TO_EAGER)."""
    return 0.01 / (1.0 + epoch)


def record_loss(loss):
    """Mutates a module-level list: a Python side effect that a graph would run only once."""
    loss_history.append(float(loss))


def report(epoch, loss, acc):
    print(f"epoch {epoch}: loss {float(loss):.4f} accuracy {float(acc):.3f}")


def run_epoch(model, optimizer, dataset):
    loss = tf.constant(0.0)
    for images, labels in dataset:
        loss = train_step(model, optimizer, augment(images, 1.1), labels)
        record_loss(loss)
    return loss


def main(epochs=2):
    model = Classifier(32)
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.01)
    dataset = make_dataset(256, 64)
    for epoch in range(epochs):
        optimizer.learning_rate.assign(learning_rate(epoch))
        loss = run_epoch(model, optimizer, dataset)
        images, labels = next(iter(dataset))
        report(epoch, loss, evaluate_batch(model, images, labels))
    print(f"{count_layers([model.layers])} layers, {len(loss_history)} steps")


if __name__ == "__main__":
    main()
