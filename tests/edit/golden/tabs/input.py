import tensorflow as tf


class Layer:
	def forward(self, x):
		return x * 2

	@tf.function
	def backward(self, x):
		return x / 2
