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


def _covered(context: RuleContext, function: str) -> frozenset[str]:
    """The covered functions (``function`` among them if it is)."""
    covered = context.summary(_covered, lambda: _covered_functions(
        context, context.project_functions | context.definitions.keys()))
    assert isinstance(covered, frozenset)
    if function in context.project_functions or function in context.definitions:
        return covered
    # Outside the call graph's functions: nothing waits for it, only its own callers decide.
    return covered | {function} if _callers_covered(context, function, covered) else covered


def _covered_functions(context: RuleContext, names: set[str] | frozenset[str]) -> frozenset[str]:
    """The least fixpoint over the whole call graph at once: a function is covered when its
    callers are known, at least one, and each hybrid or covered. Each function waits for its
    eager callers; one worklist pass (a walk from each function is quadratic on a chain)."""
    waiting: dict[str, set[str]] = {}
    waited_by: dict[str, list[str]] = {}
    ready: list[str] = []
    for name in names:
        callers = {call.caller for call in context.calls_of(name)}
        if not callers or not callers <= context.project_functions:
            continue  # no known caller, or one outside the project: never covered
        waiting[name] = {c for c in callers if not _is_hybrid(context, c)}
        for caller in waiting[name]:
            waited_by.setdefault(caller, []).append(name)
        if not waiting[name]:
            ready.append(name)
    covered: set[str] = set()
    while ready:
        current = ready.pop()
        if current in covered:
            continue
        covered.add(current)
        for name in waited_by.get(current, ()):
            waiting[name].discard(current)
            if not waiting[name] and name not in covered:
                ready.append(name)
    return frozenset(covered)


def _callers_covered(context: RuleContext, function: str, covered: frozenset[str]) -> bool:
    callers = {call.caller for call in context.calls_of(function)}
    return bool(callers) and callers <= context.project_functions and all(
        _is_hybrid(context, c) or c in covered for c in callers)


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
