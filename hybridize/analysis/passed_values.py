"""Tensor and primitive parameters from WALA's pointer analysis.

For a function with a call-graph node, the values call sites pass to its parameters come
from the front end (``PythonProjectEngine.parameterValuesJson``): the API model types
library results in the pointer analysis, so tensors flow through operators, subscripts,
containers, dataset elements and Keras calls. A parameter is a *tensor parameter* when a call
site may pass a tensor or a container of tensors; a *primitive parameter* when it may pass a
Python ``int``, ``float`` or ``str``, or a tuple, list, dict or set holding one (which kinds
count: ``hybridize.bridge.value_kinds.PRIMITIVE_VALUES``).

Primitive parameters follow the reference tool (ponder-lab/Hybridize-Functions-Refactoring,
``Function.inferPrimitiveParameters``/``containsPrimitive``): any non-None constant counts,
strings included, and so does a container whose elements (transitively) hold one; a default
no call site supplies does not. Booleans do not count, as the reference ignores them by
default (``ignoreBooleansInLiteralCheck``): a Python bool retraces a graph at most twice, so
``training=True``/``False`` costs two traces, not one per call (``booleans.py`` says so in the
function's ``info``). One deliberate difference: objects of project classes do not count
because of their fields (the reference counts an object with a scalar field, its own test
marks that doubtful; tf.function keys such an argument by identity, not by its fields).

Evidence names the call site, quoting its call expression from the source, and where the
value was made; receivers (``self``) are not parameters here (the front end leaves them out).
"""

from __future__ import annotations

from hybridize.analysis.facts import PassedValue
from hybridize.analysis.quote import SourceQuoter
from hybridize.bridge.value_kinds import PRIMITIVE_VALUES, TENSOR_VALUES
from hybridize.report import Evidence
from hybridize.verdicts.preconditions import Finding

#: Evidence items kept per finding.
MAX_EVIDENCE = 8


def parameter_findings(values: dict[str, list[PassedValue]], quoter: SourceQuoter
                       ) -> tuple[Finding, Finding]:
    """(tensor parameter, primitive parameter) of a function with a call-graph node."""
    tensor: list[Evidence] = []
    primitive: list[Evidence] = []
    for parameter, passed in values.items():
        tensor += _evidence(parameter, [v for v in passed if v.kind in TENSOR_VALUES], quoter)
        primitive += _evidence(parameter, [v for v in passed if v.kind in PRIMITIVE_VALUES],
                               quoter)
    return (Finding(bool(tensor), tuple(unique_evidence(tensor))[:MAX_EVIDENCE]),
            Finding(bool(primitive), tuple(unique_evidence(primitive))[:MAX_EVIDENCE]))


def _evidence(parameter: str, passed: list[PassedValue], quoter: SourceQuoter
              ) -> list[Evidence]:
    return [Evidence(value.call.file, value.call.line, _text(parameter, value, quoter),
                     value.call.span)
            for value in sorted(passed, key=_order)
            if value.call.file is not None and value.call.line is not None]


def _order(value: PassedValue) -> tuple:
    return (value.call.file or "", value.call.line or 0, value.file or "", value.line or 0,
            value.what)


def _text(parameter: str, value: PassedValue, quoter: SourceQuoter) -> str:
    caller = (value.call.caller or "?").rpartition(".")[2]
    made = f" (made at {value.file}:{value.line})" if value.file and value.line else ""
    return quoter.at(f"`{caller}` passes {value.what}{made} to `{parameter}`",
                     value.call.file or "", value.call.line or 0, value.call.span)


def unique_evidence(items: list[Evidence]) -> list[Evidence]:
    """Evidence in order, each item once."""
    return list(dict.fromkeys(items))
