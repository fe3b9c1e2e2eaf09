"""Stage 4, verdicts: from the attributes to a decision. The papers' precondition tables
(``preconditions``), the hazard rules (``rules``, a registry), the framework rules forbidding
``@tf.function`` despite the attributes (``blockers``) and the failures the user chose to
ignore (``ignores``)."""
