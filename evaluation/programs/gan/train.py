"""One GAN training step per batch: generator and discriminator, two tapes, two optimizers.

The noise is drawn outside the step and passed in, as it must be for a step that is traced:
random ops inside a graph draw a different sequence than the same ops run eagerly.
"""

import tensorflow as tf

STEPS = 40
NOISE = 8


def make_models():
    generator = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu"),
                                     tf.keras.layers.Dense(2)])
    discriminator = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu"),
                                         tf.keras.layers.Dense(1)])
    return generator, discriminator


def discriminator_loss(real_logits, fake_logits):
    real = tf.nn.sigmoid_cross_entropy_with_logits(tf.ones_like(real_logits), real_logits)
    fake = tf.nn.sigmoid_cross_entropy_with_logits(tf.zeros_like(fake_logits), fake_logits)
    return tf.reduce_mean(real) + tf.reduce_mean(fake)


def generator_loss(fake_logits):
    return tf.reduce_mean(
        tf.nn.sigmoid_cross_entropy_with_logits(tf.ones_like(fake_logits), fake_logits))


def train_step(generator, discriminator, generator_optimizer, discriminator_optimizer,
               real, noise):
    with tf.GradientTape() as generator_tape, tf.GradientTape() as discriminator_tape:
        fake = generator(noise)
        real_logits = discriminator(real)
        fake_logits = discriminator(fake)
        generator_cost = generator_loss(fake_logits)
        discriminator_cost = discriminator_loss(real_logits, fake_logits)
    generator_gradients = generator_tape.gradient(generator_cost, generator.trainable_variables)
    discriminator_gradients = discriminator_tape.gradient(
        discriminator_cost, discriminator.trainable_variables)
    generator_optimizer.apply_gradients(zip(generator_gradients, generator.trainable_variables))
    discriminator_optimizer.apply_gradients(
        zip(discriminator_gradients, discriminator.trainable_variables))
    return generator_cost, discriminator_cost


def main():
    sampler = tf.random.Generator.from_seed(5)
    generator, discriminator = make_models()
    generator_optimizer = tf.keras.optimizers.Adam(1e-3)
    discriminator_optimizer = tf.keras.optimizers.Adam(1e-3)
    for step in range(STEPS):
        real = sampler.normal([64, 2], mean=2.0, stddev=0.5)
        noise = sampler.normal([64, NOISE])
        costs = train_step(generator, discriminator, generator_optimizer,
                           discriminator_optimizer, real, noise)
    print(f"final costs {float(costs[0]):.4f} {float(costs[1]):.4f}")


if __name__ == "__main__":
    main()
