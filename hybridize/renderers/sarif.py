"""Renders a Report as SARIF 2.1.0 (what GitHub code scanning and IDEs read).

One ``reportingDescriptor`` per failure kind and per hazard rule of the registry (its help is
the registry's why and examples), one result per failure located at its evidence lines, the
function's ``def`` as a related location; ignored failures carry an external suppression.
Everything is in a fixed order: kinds by code, rules in registry order, results by place.

An evidence span becomes the region's ``startColumn``, ``endLine`` and ``endColumn``: 1-based,
the end column just after the code, in code points (the run says ``columnKind``
``unicodeCodePoints``, as the analysis counts them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hybridize.report import Failure, FailureKind, FunctionReport, Report, Span
from hybridize.verdicts.rules import RULES, Category, Rule

SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
          "sarif-schema-2.1.0.json")
ROOT = "%SRCROOT%"

#: What each failure kind means, for the kinds no hazard rule describes.
KIND_HELP: dict[FailureKind, str] = {
    FailureKind.CURRENTLY_NOT_HANDLED: "A construct the refactoring does not handle yet.",
    FailureKind.UNDETERMINABLE_SIDE_EFFECTS:
        "Whether the function has Python side effects could not be determined.",
    FailureKind.HAS_PYTHON_SIDE_EFFECTS:
        "Python side effects run only while tf.function traces, not on every call.",
    FailureKind.HAS_NO_TENSOR_PARAMETERS:
        "No call site passes a tensor: a graph would not pay off.",
    FailureKind.IS_RECURSIVE: "tf.function cannot trace a recursive function.",
    FailureKind.CANT_APPROXIMATE_RECURSION:
        "Whether the function is recursive could not be determined.",
    FailureKind.UNDETERMINABLE_TENSOR_PARAMETER:
        "Whether a tensor reaches a parameter could not be determined.",
    FailureKind.UNDETERMINABLE_PRIMITIVE_PARAMETER:
        "Whether a Python scalar reaches a parameter could not be determined.",
    FailureKind.HAS_PRIMITIVE_PARAMETERS:
        "A call site passes a Python scalar, which makes tf.function retrace.",
    FailureKind.HAS_NO_PRIMITIVE_PARAMETERS:
        "Tensor parameters and no Python scalars: already a good hybrid function.",
    FailureKind.HAS_EAGER_ONLY_CALLS: "Calls an API that needs concrete values.",
}
#: Kinds that mean the edit would break or change the program (the rest: it would not pay).
WARNING_KINDS = frozenset({FailureKind.HAS_PYTHON_SIDE_EFFECTS, FailureKind.IS_RECURSIVE,
                           FailureKind.HAS_EAGER_ONLY_CALLS})


def _kind_descriptor(kind: FailureKind) -> dict[str, Any]:
    text = KIND_HELP.get(kind, f"Precondition failure {kind.name} (code {kind.code}).")
    return {"id": kind.name, "name": kind.name.title().replace("_", ""),
            "shortDescription": {"text": text}, "help": {"text": text},
            "defaultConfiguration": {"level": _kind_level(kind)},
            "properties": {"code": kind.code, "kind": kind.name}}


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    examples = f"Bad:\n{rule.bad_example}\n\nGood:\n{rule.good_example}"
    return {
        "id": rule.name, "name": rule.name.title().replace("-", ""),
        "shortDescription": {"text": rule.summary}, "fullDescription": {"text": rule.why},
        "help": {"text": f"{rule.why}\n\n{examples}",
                 "markdown": f"{rule.why}\n\nBad:\n```python\n{rule.bad_example}\n```\n\n"
                             f"Good:\n```python\n{rule.good_example}\n```"},
        "defaultConfiguration": {"level": _rule_level(rule)},
        "properties": {"code": rule.code, "kind": rule.kind.name,
                       "category": rule.category.value},
    }


def _kind_level(kind: FailureKind) -> str:
    return "warning" if kind in WARNING_KINDS else "note"


def _rule_level(rule: Rule) -> str:
    return "warning" if rule.category is Category.SAFETY else "note"


def descriptors() -> list[dict[str, Any]]:
    """Every failure kind by code, then every registry rule in registry order."""
    return ([_kind_descriptor(kind) for kind in sorted(FailureKind, key=lambda k: k.code)]
            + [_rule_descriptor(rule) for rule in RULES])


def _region(line: int, span: Span | None) -> dict[str, int]:
    if span is None or span.line != line:
        return {"startLine": line}
    return {"startLine": line, "startColumn": span.column + 1, "endLine": span.end_line,
            "endColumn": span.end_column + 1}


def _location(file: str, line: int, text: str | None = None,
              span: Span | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": {"uri": file, "uriBaseId": ROOT},
        "region": _region(line, span)}}
    if text:
        location["message"] = {"text": text}
    return location


def _result(fn: FunctionReport, failure: Failure, rules: list[dict[str, Any]],
            index: dict[str, int]) -> dict[str, Any]:
    rule_id = failure.rule or failure.kind.name
    places = dict.fromkeys((e.file, e.line, e.what, e.span) for e in failure.evidence)
    locations = [_location(*place) for place in places] or [_location(fn.file, fn.line)]
    result: dict[str, Any] = {
        "ruleId": rule_id, "ruleIndex": index[rule_id],
        "level": rules[index[rule_id]]["defaultConfiguration"]["level"],
        "message": {"text": f"{fn.qualified_name}: {failure.message}"},
        "locations": locations,
        "relatedLocations": [{"id": 0, **_location(fn.file, fn.line,
                                                   f"def {fn.qualified_name}")}],
        "properties": {"qualified_name": fn.qualified_name, "code": failure.kind.code,
                       "kind": failure.kind.name},
    }
    if failure.ignored:
        result["suppressions"] = [{"kind": "external",
                                   "justification": "ignored by [tool.hybridize]"}]
    return result


def _place(result: dict[str, Any]) -> tuple[str, int, str, str]:
    where = result["locations"][0]["physicalLocation"]
    return (where["artifactLocation"]["uri"], where["region"]["startLine"], result["ruleId"],
            result["message"]["text"])


def _root_uri(report: Report) -> str:
    root = Path(report.project).resolve()
    root = root if root.is_dir() else root.parent
    return root.as_uri().rstrip("/") + "/"


def _notifications(report: Report) -> list[dict[str, Any]]:
    return [{"level": "error", "message": {"text": error.message},
             "locations": [_location(error.file, error.line or 1)]}
            for error in sorted(report.errors, key=lambda e: (e.file, e.line or 0, e.message))
            if error.file]


def to_sarif_document(report: Report) -> dict[str, Any]:
    rules = descriptors()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [_result(fn, failure, rules, index)
               for fn in report.functions for failure in fn.failures]
    results.sort(key=_place)
    driver = {"name": report.tool["name"], "version": report.tool["version"],
              "semanticVersion": report.tool["version"], "rules": rules}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {ROOT: {"uri": _root_uri(report)}},
        "invocations": [{"executionSuccessful": True,
                         "toolExecutionNotifications": _notifications(report)}],
        "results": results,
        "properties": {"settings": report.settings},
    }]}


def to_sarif(report: Report) -> str:
    return json.dumps(to_sarif_document(report), indent=2) + "\n"
