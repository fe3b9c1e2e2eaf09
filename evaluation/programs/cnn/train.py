"""A small CNN on synthetic 16x16 images, custom training loop with an accuracy metric."""

import tensorflow as tf

STEPS = 40


def make_data(examples):
    generator = tf.random.Generator.from_seed(2)
    images = generator.uniform([examples, 16, 16, 1])
    labels = tf.cast(tf.reduce_mean(images[:, :8], axis=[1, 2, 3]) > 0.5, tf.int32)
    return images, labels


def compute_loss(logits, labels):
    losses = tf.keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True)
    return tf.reduce_mean(losses)


def accuracy(logits, labels):
    predictions = tf.argmax(logits, axis=-1, output_type=tf.int32)
    return tf.reduce_mean(tf.cast(tf.equal(predictions, labels), tf.float32))


def train_step(model, optimizer, images, labels):
    with tf.GradientTape() as tape:
        logits = model(images)
        loss = compute_loss(logits, labels)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss, accuracy(logits, labels)


def main():
    images, labels = make_data(256)
    model = tf.keras.Sequential([
        tf.keras.layers.Conv2D(8, 3, activation="relu"),
        tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(16, 3, activation="relu"),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dense(2)])
    optimizer = tf.keras.optimizers.SGD(0.05)
    dataset = tf.data.Dataset.from_tensor_slices((images, labels)).batch(32).repeat()
    for batch, batch_labels in dataset.take(STEPS):
        loss, acc = train_step(model, optimizer, batch, batch_labels)
    print(f"final loss {float(loss):.4f} accuracy {float(acc):.3f}")


if __name__ == "__main__":
    main()
