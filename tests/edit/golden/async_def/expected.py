import tensorflow as tf


@tf.function
async def fetch(x):
    return x


class Service:
    @staticmethod
    @tf.function
    async def handle(x):
        return x
