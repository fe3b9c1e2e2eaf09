"""hybridize: decide statically where ``@tf.function`` is safe and worth it, then edit the source."""

__version__ = "0.1.0"
