"""One pre-norm transformer block (two-head self-attention, feed-forward) written with raw
ops over a dict of tf.Variables, trained on a toy sequence regression."""

import tensorflow as tf

STEPS = 30
MODEL, HEADS, LENGTH = 32, 2, 16


def init_params(width, heads):
    generator = tf.random.Generator.from_seed(6)
    shapes = {"wq": [width, width], "wk": [width, width], "wv": [width, width],
              "wo": [width, width], "w1": [width, 2 * width], "w2": [2 * width, width]}
    params = {name: tf.Variable(generator.normal(shape) * 0.1) for name, shape in shapes.items()}
    params["gamma"] = tf.Variable(tf.ones([width]))
    params["beta"] = tf.Variable(tf.zeros([width]))
    return params


def layer_norm(x, gamma, beta):
    mean, variance = tf.nn.moments(x, axes=[-1], keepdims=True)
    return gamma * (x - mean) / tf.sqrt(variance + 1e-6) + beta


def split_heads(x):
    batch, length = tf.shape(x)[0], tf.shape(x)[1]
    x = tf.reshape(x, [batch, length, HEADS, MODEL // HEADS])
    return tf.transpose(x, [0, 2, 1, 3])


def attention(queries, keys, values):
    scale = tf.sqrt(tf.cast(tf.shape(keys)[-1], tf.float32))
    scores = tf.matmul(queries, keys, transpose_b=True) / scale
    return tf.matmul(tf.nn.softmax(scores, axis=-1), values)


def transformer_block(params, x):
    normed = layer_norm(x, params["gamma"], params["beta"])
    heads = attention(split_heads(normed @ params["wq"]), split_heads(normed @ params["wk"]),
                      split_heads(normed @ params["wv"]))
    merged = tf.reshape(tf.transpose(heads, [0, 2, 1, 3]), tf.shape(x))
    x = x + merged @ params["wo"]
    return x + tf.nn.relu(layer_norm(x, params["gamma"], params["beta"]) @ params["w1"]) @ params["w2"]


def train_step(params, optimizer, inputs, targets):
    variables = list(params.values())
    with tf.GradientTape() as tape:
        outputs = transformer_block(params, inputs)
        loss = tf.reduce_mean(tf.square(outputs - targets))
    gradients = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(gradients, variables))
    return loss


def main():
    generator = tf.random.Generator.from_seed(7)
    inputs = generator.normal([16, LENGTH, MODEL])
    targets = tf.roll(inputs, shift=1, axis=1)
    params = init_params(MODEL, HEADS)
    optimizer = tf.keras.optimizers.Adam(1e-3)
    for step in range(STEPS):
        loss = train_step(params, optimizer, inputs, targets)
    print(f"final loss {float(loss):.5f}")


if __name__ == "__main__":
    main()
