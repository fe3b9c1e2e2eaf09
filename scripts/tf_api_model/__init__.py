"""The generator of the TensorFlow API model (``hybridize/models/tensorflow_api.json``).

Run by a developer when TensorFlow changes (``python3 scripts/generate_tf_model.py``); it
imports TensorFlow, the analysis never does. Modules:

    walk.py         the public API: every exported callable under ``tf.`` and the methods of
                    its public classes
    kinds.py        the kind of each callable's result, from what TensorFlow declares
    docstrings.py   the kind a docstring's ``Returns:`` section names
    output.py       the model file and its coverage report
"""
