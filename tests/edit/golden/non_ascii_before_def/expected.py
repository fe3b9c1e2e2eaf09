"""Módulo con texto no ASCII: 日本語, emoji 🎉🚀."""
import tensorflow as tf

GREETING = "こんにちは 🌏"  # 中文注释 ✨


@tf.function
def scale(x):  # ünïcödé
    return x * 2.0  # 🎯


class Модель:
    """类 with ❤."""

    def call(self, x):
        return x + len("🎉")
