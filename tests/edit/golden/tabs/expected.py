import tensorflow as tf


class Layer:
	@tf.function
	def forward(self, x):
		return x * 2

	def backward(self, x):
		return x / 2
