import tensorflow as tf


@tf.function
async def fetch(x):
    return x


class Service:
    @tf.function
    @staticmethod
    async def handle(x):
        return x
