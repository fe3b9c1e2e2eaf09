"""HAS_COVERED_CALLERS: every call of the function comes from code that is already traced.

``tf.function`` traces what its function calls, so a function whose every caller is hybrid,
or is itself covered that way, already runs as part of a graph: decorating it adds a nested
trace boundary and no speed. This is a benefit rule, as in the published approach: covered
means *at least one* known caller and *every* caller hybrid or covered, the least fixpoint
over WALA's call graph, so a cycle of eager functions never covers itself. A call from module
code or from anything the call graph does not show as a project function blocks coverage:
only positive evidence claims it.
"""

from __future__ import annotations

from collections import deque

from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    name = function.qualified_name
    if name not in _covered(context, name):
        return ()
    return tuple(Evidence(call.file, call.line, context.at(
        f"called from `{call.caller.rpartition('.')[2]}`, which "
        + ("is hybrid" if _is_hybrid(context, call.caller) else "only hybrid code calls"),
        call.file, call.line, call.span), call.span)
        for call in context.calls_of(name) if call.caller != name)


def _covered(context: RuleContext, function: str) -> set[str]:
    """The covered functions among ``function`` and its transitive callers."""
    callers: dict[str, set[str] | None] = {}  # None: a caller outside the project's functions
    pending = deque([function])
    while pending:
        current = pending.popleft()
        if current in callers:
            continue
        found = {call.caller for call in context.calls_of(current)}
        known = found <= context.project_functions
        callers[current] = found if known else None
        pending.extend(c for c in found if known and not _is_hybrid(context, c))
    covered: set[str] = set()
    changed = True
    while changed:
        changed = False
        for current, of_current in callers.items():
            if (current not in covered and of_current
                    and all(_is_hybrid(context, c) or c in covered for c in of_current)):
                covered.add(current)
                changed = True
    return covered


def _is_hybrid(context: RuleContext, function: str) -> bool:
    definition = context.definitions.get(function)
    return definition is not None and definition.hybrid is not None


RULE = Rule(
    name="covered-callers",
    kind=FailureKind.HAS_COVERED_CALLERS,
    category=Category.BENEFIT,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="every call comes from hybrid code, which already traces it: decorating it adds "
            "a nested trace and no speed",
    why="tf.function traces every function its function calls. A function that only hybrid "
        "functions call (directly, or through functions only hybrid ones call) already runs "
        "inside their graphs; its own @tf.function would only add a trace boundary.",
    bad_example="def loss(y, p):\n    return tf.reduce_mean((y - p) ** 2)\n\n"
                "@tf.function\ndef step(x, y):\n    return loss(y, model(x))  # loss is traced",
    good_example="@tf.function\ndef step(x, y):\n    return loss(y, model(x))\n\n"
                 "# leave loss eager: the traced step already runs it in its graph",
    check=check,
)
