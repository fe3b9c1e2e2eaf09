import tensorflow as tf

from .ops import Scaler, outer

scaler = Scaler(3.0)
for step in range(3):
    x = tf.constant([1.0, float(step)])
    print(scaler.apply(x).numpy(), outer(x).numpy())
