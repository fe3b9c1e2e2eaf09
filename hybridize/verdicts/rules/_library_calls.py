"""What the library-call rules share: WALA's call edges into library code, followed through the
project functions a traced call would run, and the argument kinds the pointer analysis found."""

from __future__ import annotations

from collections.abc import Callable

from hybridize.bridge.value_kinds import ValueKind
from hybridize.bridge.wala import CallEdge
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence
from hybridize.verdicts.rules.context import RuleContext

#: At most this many calls are quoted as evidence.
MAX_EVIDENCE = 5
#: Argument kinds that are (or hold) tensors, symbolic when traced.
TENSOR_KINDS = frozenset({ValueKind.TENSOR, ValueKind.VARIABLE, ValueKind.TENSOR_CONTAINER})

#: What is wrong with one library call, for a person; None when nothing is.
Finding = Callable[[RuleContext, CallEdge], "str | None"]


def scan(context: RuleContext, function: FunctionDef, finding: Finding) -> tuple[Evidence, ...]:
    """Evidence at every library call ``function`` or a project callee makes that ``finding``
    objects to (a hazard in a callee is one in its caller too: the traced call runs it)."""
    found: list[Evidence] = []
    name = function.qualified_name
    if not context.reaches(name, finding, lambda f: any(
            finding(context, call) is not None for call in context.library_calls(f))):
        return ()  # one summary for all functions, not a walk from each
    for reached in context.reached(name):
        for call in context.library_calls(reached.qualified_name):
            what = finding(context, call)
            if what is not None:
                what = context.at(what, call.file, call.line, call.span)
                found.append(reached.evidence(call.file, call.line, what, call.span))
                if len(found) == MAX_EVIDENCE:
                    return tuple(found)
    return tuple(found)


def passes_tensor(call: CallEdge) -> bool:
    """Whether a tensor (or a container of them) may reach one of the call's arguments."""
    return any(argument.kind in TENSOR_KINDS for argument in call.passed())


def short(api: str) -> str:
    """``tensorflow.data.Dataset.range.map[].numpy`` reads better as ``….numpy``;
    ``numpy.square`` as ``np.square``, ``builtins.bool`` as ``bool``."""
    head, _, method = api.rpartition(".")
    if len(head) > 40:
        return f"….{method}"
    for prefix, alias in (("builtins.", ""), ("numpy.", "np."), ("tensorflow.", "tf.")):
        if api.startswith(prefix):
            return alias + api.removeprefix(prefix)
    return api
