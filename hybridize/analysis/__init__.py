"""The hybridization analyses: tensor, primitive, side-effect and recursion attributes.

Entry point: :func:`hybridize.analysis.infer.infer_attributes` (an ``AttributeInference``).

    facts.py         what the analyses need from the WALA front end (and its adapter)
    approximations.py  which functions a conservatively translated construct makes undetermined
    models.py        the TensorFlow API model (``hybridize/models/tensorflow.json``)
    program.py       syntax index: scopes, bindings, imports, classes
    calls.py         call edges matched to call expressions; argument binding
    values.py        abstract values (tensors, datasets, scalars, containers) of expressions
    flows.py         values reaching parameters, to a fixed point over the call graph
    passed_values.py tensor and primitive parameters from WALA's pointer analysis
    side_effects.py  Python side effects, local then transitive (where WALA mod-ref has no answer)
    recursion.py     call-graph cycles
    speculative.py   type hints, framework contracts and naming conventions
    blockers.py      framework rules forbidding @tf.function despite the attributes
    infer.py         all of the above -> FunctionAttributes per function
"""
