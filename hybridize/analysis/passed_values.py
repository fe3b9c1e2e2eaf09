"""Tensor and primitive parameters from WALA's pointer analysis.

For a function with a call-graph node, the values call sites pass to its parameters come
from the front end (``PythonProjectEngine.parameterValuesJson``): the API model types
library results in the pointer analysis, so tensors flow through operators, subscripts,
containers, dataset elements and Keras calls. A parameter is a *tensor parameter* when a call
site may pass a tensor or a container of tensors; a *primitive parameter* when it may pass a
Python ``int``, ``float`` or ``str``, or a tuple, list, dict or set holding one (which kinds
count: ``hybridize.frontend.wala.PRIMITIVE_VALUES``).

Primitive parameters follow the reference tool (ponder-lab/Hybridize-Functions-Refactoring,
``Function.inferPrimitiveParameters``/``containsPrimitive``): any non-None constant counts,
strings included, and so does a container whose elements (transitively) hold one; a default
no call site supplies does not. Booleans do not count, as the reference ignores them by
default (``ignoreBooleansInLiteralCheck``): a Python bool retraces a graph at most twice, so
``training=True``/``False`` costs two traces, not one per call (``booleans.py`` says so in the
function's ``info``). One deliberate difference: objects of project classes do not count
because of their fields (the reference counts an object with a scalar field, its own test
marks that doubtful; tf.function keys such an argument by identity, not by its fields).

Evidence names the call site. Where the syntactic flows (``flows.py``) describe the same
call site passing the same sort of value, their text is used: it quotes the argument and
the expression that made the value.
"""

from __future__ import annotations

from collections.abc import Iterable

from hybridize.analysis.calls import CallResolver
from hybridize.analysis.facts import PassedValue
from hybridize.analysis.flows import ArgumentFlow, ParameterFlows, describe_arguments
from hybridize.analysis.program import Scope
from hybridize.analysis.values import primitive_origins, tensor_origins
from hybridize.frontend.wala import PRIMITIVE_VALUES, TENSOR_VALUES
from hybridize.preconditions import Finding
from hybridize.report import Evidence

#: Evidence items kept per finding.
MAX_EVIDENCE = 8


def parameter_findings(scope: Scope, values: dict[str, list[PassedValue]],
                       flows: ParameterFlows, resolver: CallResolver) -> tuple[Finding, Finding]:
    """(tensor parameter, primitive parameter) of a function with a call-graph node."""
    tensor: list[Evidence] = []
    primitive: list[Evidence] = []
    for parameter in scope.params:
        if parameter == scope.receiver:
            continue
        passed = values.get(parameter, [])
        tensor += _evidence(scope, parameter, [v for v in passed if v.kind in TENSOR_VALUES],
                            flows, resolver, tensors=True)
        primitive += _evidence(scope, parameter, [v for v in passed if v.kind in PRIMITIVE_VALUES],
                               flows, resolver, tensors=False)
    return (Finding(bool(tensor), tuple(unique_evidence(tensor))[:MAX_EVIDENCE]),
            Finding(bool(primitive), tuple(unique_evidence(primitive))[:MAX_EVIDENCE]))


def _evidence(scope: Scope, parameter: str, passed: list[PassedValue], flows: ParameterFlows,
              resolver: CallResolver, tensors: bool) -> list[Evidence]:
    out = []
    for value in sorted(passed, key=_order):
        call = value.call
        if call.file is None or call.line is None:
            continue
        syntactic = _syntactic_text(flows.flows.get((scope.qualified_name, parameter), []),
                                    call.file, call.line, parameter, tensors)
        out.append(Evidence(call.file, call.line, syntactic or _text(
            scope, parameter, value, resolver)))
    return out


def _order(value: PassedValue) -> tuple:
    return (value.call.file or "", value.call.line or 0, value.file or "", value.line or 0,
            value.what)


def _syntactic_text(sites: Iterable[ArgumentFlow], file: str, line: int, parameter: str,
                    tensors: bool) -> str | None:
    """The syntactic flows' description of the call site at file:line, if it agrees."""
    for site in sites:
        if (site.file, site.line) != (file, line):
            continue
        origins = tensor_origins(site.value) if tensors else primitive_origins(site.value)
        if origins:
            origin = min(origins, key=lambda o: (o.file, o.line, o.what))
            where = f" ({origin.file}:{origin.line})" if origin.line else ""
            return (f"`{site.caller.rpartition('.')[2]}` passes `{site.argument}` to "
                    f"`{parameter}`: {origin.what}{where}")
    return None


def _text(scope: Scope, parameter: str, value: PassedValue, resolver: CallResolver) -> str:
    caller = (value.call.caller or "?").rpartition(".")[2]
    argument = _argument(scope, parameter, value, resolver)
    where = f" ({value.file}:{value.line})" if value.file and value.line else ""
    return f"`{caller}` passes {argument} to `{parameter}`: {value.what}{where}"


def _argument(scope: Scope, parameter: str, value: PassedValue, resolver: CallResolver) -> str:
    """The argument as written at the call site, when the syntax index finds that call."""
    caller = resolver.program.scopes.get(value.call.caller or "")
    if caller is not None:
        for resolved in resolver.calls_in(caller):
            if (resolved.callee.qualified_name == scope.qualified_name
                    and resolved.call.lineno == value.call.line
                    and parameter in resolved.bindings):
                return f"`{describe_arguments(resolved.bindings[parameter])}`"
    return "an argument"


def unique_evidence(items: list[Evidence]) -> list[Evidence]:
    """Evidence in order, each item once."""
    seen: set[Evidence] = set()
    return [e for e in items if not (e in seen or seen.add(e))]
