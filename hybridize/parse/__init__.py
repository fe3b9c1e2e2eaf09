"""Stage 1, parse: find and parse the analysed project's files (``project``), its functions and
``tf.function`` decorators (``functions``, ``statements``), and read its own declarations: the
TensorFlow it targets (``target``, ``requirements_files``) and its ``[tool.hybridize]`` table
(``config``)."""
