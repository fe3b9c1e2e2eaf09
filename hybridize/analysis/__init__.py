"""Stage 3, analysis: tensor, primitive, side-effect and recursion attributes from WALA's facts.

Entry point: :func:`hybridize.analysis.infer.infer_attributes` (an ``AttributeInference``).
The decisions drawn from the attributes are made in ``hybridize.verdicts``.

    facts.py           what the analyses need from the WALA front end (and its adapter)
    absent_facts.py    what a fact the front end failed to compute leaves undetermined
    approximations.py  which functions a conservatively translated construct makes undetermined
    models.py          the TensorFlow API model (``hybridize/models/tensorflow.json``)
    hints.py           type hints as written, resolved through the module's imports
    quote.py           source text quoted in evidence
    passed_values.py   tensor and primitive parameters from WALA's pointer analysis
    booleans.py        parameters that receive only Python booleans (notes)
    recursion.py       call-graph cycles
    speculative.py     type hints, framework contracts and naming conventions
    infer.py           all of the above -> FunctionAttributes per function
"""
