"""An MLP on synthetic tabular data, trained with a custom loop (Keras model, GradientTape)."""

import tensorflow as tf

STEPS = 60


def make_data(examples, features):
    generator = tf.random.Generator.from_seed(1)
    inputs = generator.normal([examples, features])
    labels = tf.cast(tf.reduce_sum(inputs[:, :4], axis=1) > 0.0, tf.int32)
    return inputs, labels


def compute_loss(logits, labels):
    losses = tf.keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True)
    return tf.reduce_mean(losses)


def train_step(model, optimizer, inputs, labels):
    with tf.GradientTape() as tape:
        loss = compute_loss(model(inputs), labels)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def main():
    inputs, labels = make_data(512, 32)
    model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation="relu"),
                                 tf.keras.layers.Dense(64, activation="relu"),
                                 tf.keras.layers.Dense(2)])
    optimizer = tf.keras.optimizers.Adam(1e-3)
    dataset = tf.data.Dataset.from_tensor_slices((inputs, labels)).batch(64).repeat()
    for step, (batch, batch_labels) in enumerate(dataset.take(STEPS)):
        loss = train_step(model, optimizer, batch, batch_labels)
    print(f"final loss {float(loss):.4f}")


if __name__ == "__main__":
    main()
