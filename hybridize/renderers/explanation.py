"""The text of `hybridize explain`: one function's verdict and the reasons for it.

The refactoring, whether it applies, every failing precondition, then each attribute with its
evidence (the call sites passing tensors or Python scalars, the statements with side effects,
the call cycle) and every assumption of the speculative analysis.
"""

from __future__ import annotations

from hybridize.report import Failure, FailureKind, FunctionReport

_ATTRIBUTES = (
    ("tensor_parameter", "tensor parameter", "a call site passes a tensor (or tensors)"),
    ("primitive_parameter", "primitive parameter",
     "a call site passes a Python scalar or a container of them"),
    ("python_side_effects", "Python side effects", "it writes state it did not allocate, or "
                                                   "does Python I/O"),
    ("recursive", "recursive", "it is on a call-graph cycle"),
)
_TRANSFORMATION_TEXT = {
    "CONVERT_TO_HYBRID": "add @tf.function",
    "CONVERT_TO_EAGER": "remove @tf.function",
}
#: What a rule of each category (``Category.value``) says about the refactoring it blocks.
_CATEGORY_TEXT = {
    "safety": "a safety rule: the refactoring would break the program or change what it computes",
    "benefit": "a benefit rule: the refactoring would be correct but make the program no faster",
}
_EXAMPLE_INDENT = " " * 10


def _value(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "could not be determined"}[value]


def render_explanation(fn: FunctionReport) -> str:
    """The explanation as text for a person, from the report's data alone (pure: no I/O)."""
    lines = _verdict_lines(fn)
    lines.append("Why:")
    for field, label, meaning in _ATTRIBUTES:
        value = getattr(fn, field)
        evidence = fn.evidence.get(field, [])
        lines.append(f"  {label}: {_value(value)}" + (f"  -- {meaning}" if value else ""))
        lines.extend(f"      {e.file}:{e.line}  {e.what}" for e in evidence)
        lines.extend(f"      assumed: {a.reason}" for a in fn.assumptions if a.attribute == field)
        if value is False and not evidence and field in ("tensor_parameter",
                                                         "primitive_parameter"):
            lines.append("      no call site in the project passes one")
    lines.extend(_signature_lines(fn))
    for failure in fn.failures:
        if failure.rule is not None or failure.kind is FailureKind.CURRENTLY_NOT_HANDLED:
            lines.extend(_hazard_lines(failure))
    if fn.assumptions:
        lines.append("This verdict rests on the speculative analysis (see 'assumed' above); "
                     "--no-speculative turns it off.")
    return "\n".join(lines) + "\n"


def _signature_lines(fn: FunctionReport) -> list[str]:
    """The inferred input signature (or why there is none) and, per parameter, the tensors
    each axis and dtype came from."""
    evidence = fn.evidence.get("input_signature", [])
    if fn.input_signature is None and not fn.input_signature_reason and not evidence:
        return []
    if fn.input_signature is not None:
        specs = ", ".join(f"TensorSpec({_shape_text(s['shape'])}, {s['dtype']})"
                          for s in fn.input_signature)
        head = f"  input signature: [{specs}]"
    else:
        head = f"  input signature: none  -- {fn.input_signature_reason}"
    return [head, *(f"      {e.file}:{e.line}  {e.what}" for e in evidence)]


def _shape_text(shape: list[int | None] | None) -> str:
    if shape is None:
        return "None"
    return "[" + ", ".join("None" if axis is None else str(axis) for axis in shape) + "]"


def _verdict_lines(fn: FunctionReport) -> list[str]:
    kind = "hybrid (@tf.function)" if fn.hybrid else "eager"
    lines = [f"{fn.qualified_name}  ({fn.file}:{fn.line}, {kind} function)"]
    if fn.decorator_args:
        args = ", ".join(f"{k}={v}" for k, v in fn.decorator_args.items())
        lines.append(f"  decorator arguments: {args}")
    refactoring = fn.refactoring.value if fn.refactoring else "none"
    lines.append(f"Refactoring: {refactoring}")
    if fn.passing_precondition is not None:
        actions = ", ".join(_TRANSFORMATION_TEXT.get(t.value, t.value)
                            for t in fn.transformations)
        lines.append(f"Verdict: passes {fn.passing_precondition.value} -> {actions}")
    else:
        lines.append(f"Verdict: leave as is ({len(fn.failures)} precondition failure(s))")
    lines.extend(f"  x {f.kind.name} ({f.kind.code}): {f.message}" for f in fn.failures)
    return lines


def _hazard_lines(failure: Failure) -> list[str]:
    """A blocking rule's evidence and, for a registry rule, why it matters."""
    from hybridize.verdicts.rules import rule_named

    rule = rule_named(failure.rule) if failure.rule else None
    name = f"rule {rule.name}, " if rule else ""
    lines = [f"  blocked ({name}{failure.kind.name}): {failure.message}"]
    lines.extend(f"      {e.file}:{e.line}  {e.what}" for e in failure.evidence)
    if rule is not None:
        lines.append(f"      why: {rule.why}")
        lines.append(f"      {_CATEGORY_TEXT[rule.category.value]}")
        lines.append("      has the hazard:")
        lines.extend(_indented(rule.bad_example))
        lines.append("      does not:")
        lines.extend(_indented(rule.good_example))
    return lines


def _indented(example: str) -> list[str]:
    return [_EXAMPLE_INDENT + line if line.strip() else "" for line in example.strip("\n").splitlines()]
