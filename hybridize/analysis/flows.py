"""Interprocedural flow of values into parameters, to a fixed point over the call graph.

Each resolved call site binds argument values (evaluated in the caller, whose own
parameters come from its callers) to the callee's parameters. Values only grow, so the
iteration terminates; every site that contributes is kept as evidence.

WALA's pointer analysis decides the tensor and primitive parameters of every function with a
call-graph node (``hybridize.analysis.passed_values``). These syntactic flows remain for what
it cannot answer: functions with no call-graph node, the values the side-effect, speculative
and framework analyses evaluate, and the wording of evidence (they quote the source).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from hybridize.analysis.calls import CallResolver, find_method
from hybridize.analysis.models import ApiModel, Kind
from hybridize.analysis.program import ProgramIndex
from hybridize.analysis.values import EMPTY, Evaluator, Value, union

#: Iterations are bounded for safety; values stop growing long before in practice.
MAX_ITERATIONS = 50
#: Rounds of discovering framework-dispatched calls (each may reveal the next).
MAX_DISPATCH_ROUNDS = 3


@dataclass(frozen=True)
class ArgumentFlow:
    """One call site passing a value to one parameter."""

    caller: str
    file: str
    line: int
    #: The argument as written (or ``self``'s receiver).
    argument: str
    value: Value


class ParameterFlows:
    """Values reaching each parameter of each project function, with their call sites."""

    def __init__(self, program: ProgramIndex, model: ApiModel, resolver: CallResolver) -> None:
        self.program = program
        self.model = model
        self.resolver = resolver
        self.flows: dict[tuple[str, str], list[ArgumentFlow]] = defaultdict(list)
        self._values: dict[tuple[str, str], Value] = defaultdict(lambda: EMPTY)
        self.evaluator = self._solve()
        for _ in range(MAX_DISPATCH_ROUNDS):
            if not self._add_framework_dispatch():
                break
            self.evaluator = self._solve()

    def value(self, function: str, parameter: str) -> Value:
        return self._values[(function, parameter)]

    def _add_framework_dispatch(self) -> bool:
        """``layer(x)`` on an instance of a project Keras class runs its ``call``: the front end
        sees only the library's ``__call__``, the values show which class it is."""
        added = False
        for scope in self.program.scopes.values():
            for call in scope.calls:
                if self.resolver.callees(scope, call):
                    continue
                for origin in self.evaluator.eval(scope, call.func):
                    if origin.kind is not Kind.KERAS_OBJECT or origin.class_name is None:
                        continue
                    method = find_method(self.program, origin.class_name, "call")
                    if method is not None:
                        added |= self.resolver.add_dispatch(scope, call,
                                                            self.program.functions[method])
        return added

    def _solve(self) -> Evaluator:
        for _ in range(MAX_ITERATIONS):
            evaluator = Evaluator(self.program, self.model, self.resolver, self.value)
            flows: dict[tuple[str, str], list[ArgumentFlow]] = defaultdict(list)
            for resolved in self.resolver.all_calls():
                for parameter, arguments in resolved.bindings.items():
                    value = union(evaluator.argument(resolved.scope, a) for a in arguments)
                    flows[(resolved.callee.qualified_name, parameter)].append(ArgumentFlow(
                        resolved.scope.qualified_name, resolved.scope.file,
                        resolved.call.lineno, describe_arguments(arguments), value))
            changed = False
            for key, sites in flows.items():
                new = union(site.value for site in sites)
                if not new <= self._values[key]:
                    self._values[key] = self._values[key] | new
                    changed = True
            self.flows = flows
            if not changed:
                return evaluator
        return Evaluator(self.program, self.model, self.resolver, self.value)


def describe_arguments(arguments: list) -> str:
    """The arguments reaching a parameter as written (a new instance for `self` of __init__)."""
    import ast

    parts = []
    for argument in arguments:
        if isinstance(argument, ast.AST):
            text = ast.unparse(argument)
            parts.append(text if len(text) <= 40 else text[:37] + "...")
        else:
            parts.append(f"a new {argument.class_name.rpartition('.')[2]}")
    return ", ".join(parts)
