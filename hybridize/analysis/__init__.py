"""The hybridization analyses: tensor, primitive, side-effect and recursion attributes.

Entry point: :func:`hybridize.analysis.infer.infer_attributes` (an ``AttributeInference``).
"""
