"""An Elman RNN unrolled by hand over 12 time steps, weights as plain tf.Variables."""

import tensorflow as tf

STEPS = 40


def init_weights(features, units):
    initializer = tf.random.Generator.from_seed(3)
    return [tf.Variable(initializer.normal([features, units]) * 0.3),
            tf.Variable(initializer.normal([units, units]) * 0.3),
            tf.Variable(tf.zeros([units]))]


def rnn_cell(weights, state, inputs):
    input_weights, recurrent_weights, bias = weights
    return tf.tanh(tf.matmul(inputs, input_weights) + tf.matmul(state, recurrent_weights) + bias)


def rnn_forward(weights, sequences):
    state = tf.zeros([sequences.shape[0], weights[1].shape[0]])
    for time in range(sequences.shape[1]):  # unrolled by hand: one cell per time step
        state = rnn_cell(weights, state, sequences[:, time, :])
    return state


def train_step(weights, head, optimizer, sequences, targets):
    variables = weights + [head]
    with tf.GradientTape() as tape:
        predictions = tf.matmul(rnn_forward(weights, sequences), head)
        loss = tf.reduce_mean(tf.square(predictions - targets))
    gradients = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(gradients, variables))
    return loss


def main():
    generator = tf.random.Generator.from_seed(4)
    sequences = generator.normal([32, 12, 8])
    targets = tf.reduce_mean(sequences, axis=[1, 2])[:, None]
    weights = init_weights(8, 32)
    head = tf.Variable(tf.zeros([32, 1]))
    optimizer = tf.keras.optimizers.Adam(1e-2)
    for step in range(STEPS):
        loss = train_step(weights, head, optimizer, sequences, targets)
    print(f"final loss {float(loss):.5f}")


if __name__ == "__main__":
    main()
