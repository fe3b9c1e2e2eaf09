"""HAS_TENSOR_PARAMETER_ITERATION: Python iterates a tensor in a way tracing cannot.

Measured on TensorFlow 2.21 (Keras 3 and tf_keras alike), with the shapes a bare
``@tf.function`` traces (static ones):

* a ``for`` over a tensor is converted by AutoGraph into a graph loop and works, unless its
  body adds the elements to a Python list (``append``, ``extend``, ``insert``): the list then
  holds tensors of the loop's graph, and reading it after the loop raises
  ``InaccessibleTensorError`` (or, for ``len(rows)``, computes another number);
* the iterations AutoGraph does not convert raise ``OperatorNotAllowedInGraphError``
  whatever the shape: a comprehension or generator expression over a tensor, unpacking it
  (``a, b = t``), and builtins that iterate their argument (``list(t)``, ``zip(t, u)``,
  ``enumerate(t)``, ``sum(t)``, ``max(t)``, ...). ``len(t)`` and ``sorted(t)`` are converted.

Which values are tensors is WALA's pointer analysis; where code iterates them and what a
``for`` body adds to are facts of the Java side (``TensorIterations``); builtin calls are
call-graph edges with their arguments typed. A hazard in a callee counts.
"""

from __future__ import annotations

from hybridize.bridge.value_kinds import ValueKind
from hybridize.bridge.wala import CallEdge, Place, TensorIteration
from hybridize.parse.functions import FunctionDef
from hybridize.report import Evidence, FailureKind, Refactoring
from hybridize.verdicts.rules._library_calls import MAX_EVIDENCE, short
from hybridize.verdicts.rules.context import RuleContext
from hybridize.verdicts.rules.registry import Category, Rule

#: Builtins measured to iterate a tensor argument in Python when traced (TensorFlow 2.21).
ITERATING_BUILTINS = frozenset(f"builtins.{name}" for name in (
    "list", "tuple", "zip", "enumerate", "sum", "min", "max", "any", "all", "iter", "map",
    "filter", "reversed", "set", "frozenset", "dict"))
#: Argument kinds that are tensors themselves (a list of tensors iterates fine).
_TENSORS = frozenset({ValueKind.TENSOR, ValueKind.VARIABLE})

_UNCONVERTED = {
    "comprehension": "iterates a tensor in a comprehension, which AutoGraph does not convert",
    "unpacking": "unpacks a tensor (`a, b = t`), which iterates it in Python",
}


def check(context: RuleContext, function: FunctionDef) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    name = function.qualified_name
    if not context.reaches(name, check, lambda f: _iterates_here(context, f)):
        return ()  # one summary for all functions, not a walk from each
    for reached in context.reached(name):
        for iteration in context.iterations.get(reached.qualified_name, ()):
            found.extend(reached.evidence(place.file, place.line,
                                          context.at(what, place.file, place.line, place.span),
                                          place.span)
                         for place, what in _findings(iteration))
        for call in context.library_calls(reached.qualified_name):
            if _iterates_tensor_argument(call):
                what = f"passes a tensor to `{short(call.callee)}`, which iterates it in Python"
                found.append(reached.evidence(call.file, call.line,
                                              context.at(what, call.file, call.line, call.span),
                                              call.span))
    return tuple(found[:MAX_EVIDENCE])


def _iterates_here(context: RuleContext, function: str) -> bool:
    """Whether ``function``'s own code gives ``check`` evidence."""
    return any(_findings(i) for i in context.iterations.get(function, ())) or any(
        _iterates_tensor_argument(c) for c in context.library_calls(function))


def _findings(iteration: TensorIteration) -> list[tuple[Place, str]]:
    if iteration.construct in _UNCONVERTED:
        place = Place(iteration.file, iteration.line, iteration.span)
        return [(place, _UNCONVERTED[iteration.construct])]
    # A for AutoGraph turns into a graph loop: only what its body keeps in Python breaks.
    return [(place, f"adds to a Python container inside the graph loop over a tensor at "
                    f"line {iteration.line}; the loop's tensors cannot leave it that way")
            for place in iteration.collects]


def _iterates_tensor_argument(call: CallEdge) -> bool:
    return call.callee in ITERATING_BUILTINS and any(
        fact.kind in _TENSORS for facts in call.arguments for fact in facts)


RULE = Rule(
    name="tensor-iteration",
    kind=FailureKind.HAS_TENSOR_PARAMETER_ITERATION,
    category=Category.SAFETY,
    applies_to=frozenset({Refactoring.CONVERT_EAGER_FUNCTION_TO_HYBRID}),
    summary="iterates a tensor in Python (a comprehension, unpacking, list(t), zip(t, ...), or "
            "a for loop that appends its elements to a list), which raises when traced",
    why="Traced, a tensor is symbolic and Python cannot iterate it: a comprehension, an "
        "unpacking `a, b = t` or a builtin such as list(t), zip(t, u) or sum(t) raises "
        "OperatorNotAllowedInGraphError. A plain `for row in t:` is fine, AutoGraph turns it "
        "into a graph loop, but then its rows exist only inside that loop: appending them to a "
        "Python list and using the list afterwards raises InaccessibleTensorError.",
    bad_example="def rows_doubled(t):\n"
                "    rows = []\n"
                "    for row in t:\n"
                "        rows.append(row * 2)\n"
                "    return tf.stack(rows)",
    good_example="def rows_doubled(t):\n"
                 "    return tf.map_fn(lambda row: row * 2, t)",
    check=check,
)
