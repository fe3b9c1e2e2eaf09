"""Turn edit requests for one file into verified byte edits (`plan_file` never raises).

The file's bytes are the canonical buffer. Decorators are inserted or removed as
whole lines and nothing is reprinted, so comments and formatting survive.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Sequence
from dataclasses import dataclass

from hybridize.edit import _tree_sitter, _verify
from hybridize.edit._imports import (
    DEFAULT_ALIAS,
    TensorFlowNames,
    import_position,
    import_statement,
)
from hybridize.edit._signature import expected_decorator, signature_edit, signature_source
from hybridize.edit._text import (
    LineEnding,
    indentation_before,
    line_end_after_break,
    line_start,
    only_comment_follows,
)
from hybridize.edit.model import (
    ByteEdit,
    EditRefusal,
    EditRequest,
    FileEdit,
    FilePlan,
    SignatureSpecs,
)
from hybridize.report import Transformation

_FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


class _Refused(Exception):
    """Internal: one request cannot be honoured; becomes an `EditRefusal`."""


@dataclass(frozen=True)
class _FunctionEdit:
    edits: tuple[ByteEdit, ...]
    needs_import: bool


@dataclass
class _FileContext:
    """What every request on one file needs; `expected` is mutated as requests succeed."""

    source: bytes
    parsed: _tree_sitter.ParsedSource
    names: TensorFlowNames
    newline: bytes
    #: Functions of the original syntax tree by the line where they start.
    functions: dict[int, _FunctionNode]
    #: The original syntax tree with every accepted change applied: the verification target.
    expected: ast.Module
    expected_functions: dict[int, _FunctionNode]
    #: Lines of the functions some request already changed.
    edited_lines: set[int]


def plan_file(path: str, source: bytes, requests: Sequence[EditRequest]) -> FilePlan:
    """Compute and verify the edits `requests` ask for in the file `path` holding `source`.

    Never raises and never writes: what cannot be done safely becomes a refusal.
    """
    try:
        return _plan_file(path, source, requests)
    except RecursionError:  # ast.parse, deepcopy or dump on absurdly nested code
        return _refuse_file(path, "too deeply nested to edit safely")


def _plan_file(path: str, source: bytes, requests: Sequence[EditRequest]) -> FilePlan:
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        return _refuse_file(path, f"not valid UTF-8 ({error.reason} at byte {error.start})")
    try:
        module = ast.parse(source)
    except (SyntaxError, ValueError) as error:
        return _refuse_file(path, f"does not parse: {error}")
    context = _file_context(source, module)

    edits: list[ByteEdit] = []
    applied: list[EditRequest] = []
    refusals: list[EditRefusal] = []
    needs_import = False
    for request in dict.fromkeys(requests):
        try:
            function_edit = _plan_request(context, request)
        except _Refused as refusal:
            refusals.append(EditRefusal(path, request.qualified_name, str(refusal)))
            continue
        if function_edit.edits:
            edits.extend(function_edit.edits)
            applied.append(request)
            needs_import |= function_edit.needs_import
    if needs_import:
        edits.insert(0, _import_edit(context, module))
    if not edits:
        return FilePlan(path, None, tuple(refusals))

    try:
        updated = apply_edits(source, edits)
    except ValueError as error:
        return _refuse_file(path, str(error))
    problem = _verify.syntax_tree_mismatch(context.expected, updated)
    problem = problem or _verify.new_parse_problems(context.parsed, updated)
    if problem is not None:
        refusals.extend(EditRefusal(path, request.qualified_name, problem) for request in applied)
        return FilePlan(path, None, tuple(refusals))
    return FilePlan(path, FileEdit(path, source, updated, tuple(applied)), tuple(refusals))


def _file_context(source: bytes, module: ast.Module) -> _FileContext:
    expected = copy.deepcopy(module)
    return _FileContext(
        source=source,
        parsed=_tree_sitter.parse(source),
        names=TensorFlowNames.of(module),
        newline=LineEnding.dominant(source).value,
        functions=_functions_by_line(module),
        expected=expected,
        expected_functions=_functions_by_line(expected),
        edited_lines=set(),
    )


def apply_edits(source: bytes, edits: Sequence[ByteEdit]) -> bytes:
    """Apply non-overlapping edits from the highest offset down.

    Insertions at the same offset keep their given order in the result.
    """
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.end > after.start:
            raise ValueError(f"overlapping edits: {before} and {after}")
    buffer = bytearray(source)
    for edit in reversed(ordered):
        buffer[edit.start : edit.end] = edit.replacement
    return bytes(buffer)


def decorator_line(indentation: bytes, decorator: str, newline: bytes) -> bytes:
    """The whole line that adds `decorator`, in the file's own indentation and line ending."""
    return indentation + b"@" + decorator.encode("utf-8") + newline


def _plan_request(context: _FileContext, request: EditRequest) -> _FunctionEdit:
    reconfigure = request.transformation is Transformation.RECONFIGURE
    if reconfigure and request.input_signature is None:
        raise _Refused("RECONFIGURE needs an input signature to write, and the report has none")
    definition = _tree_sitter.find_definition(context.parsed, request.def_line)
    if definition is None:
        raise _Refused(f"no function definition with `def` on line {request.def_line}")
    if definition.name != request.name.encode("utf-8"):
        found = definition.name.decode("utf-8", "replace")
        raise _Refused(f"line {request.def_line} defines `{found}`, not `{request.name}`")
    if definition.has_error:
        raise _Refused("tree-sitter reports syntax errors inside the function")
    line = context.parsed.lines.line_of(definition.function.start_byte)
    function = context.functions.get(line)
    if function is None or len(function.decorator_list) != len(definition.decorators):
        raise _Refused("the Python and tree-sitter parses of the function disagree")
    if line in context.edited_lines:
        raise _Refused("another request already changes this function")
    tf_function_indices = [
        index
        for index, decorator in enumerate(function.decorator_list)
        if context.names.is_tf_function(decorator)
    ]
    adding = request.transformation is Transformation.CONVERT_TO_HYBRID
    expected = context.expected_functions[line]
    if reconfigure:
        if not tf_function_indices:
            raise _Refused("the function has no tf.function decorator to reconfigure")
        function_edit = _reconfigure(context, definition, expected, tf_function_indices[0],
                                     request.input_signature or ())
    elif adding == bool(tf_function_indices):
        return _FunctionEdit((), needs_import=False)  # already done: applying twice is a no-op
    elif adding:
        function_edit = _add_decorator(context, definition, expected, request.input_signature)
    else:
        function_edit = _remove_decorators(context, definition, expected, tf_function_indices)
    context.edited_lines.add(line)
    return function_edit


def _signature_text(context: _FileContext, definition: _tree_sitter.Definition,
                    specs: SignatureSpecs) -> tuple[str, bool]:
    """The signature's source through a name of the tensorflow package, and whether that
    name needs the default import."""
    first_line = context.parsed.lines.line_of(definition.start_byte)
    package = context.names.package_for(before_line=first_line)
    if package is None and not context.names.can_add_default_import():
        raise _Refused("no name for the tensorflow package, and the name `tf` is already taken")
    return signature_source(specs, package or DEFAULT_ALIAS), package is None


def _reconfigure(context: _FileContext, definition: _tree_sitter.Definition,
                 function: _FunctionNode, index: int, specs: SignatureSpecs) -> _FunctionEdit:
    text, needs_import = _signature_text(context, definition, specs)
    edit = signature_edit(definition.decorators[index], text)
    if edit is None:
        raise _Refused("the tf.function decorator's arguments cannot take an input_signature "
                       "keyword here")
    if context.source[edit.start:edit.end] == edit.replacement:
        return _FunctionEdit((), needs_import=False)  # already written: a no-op
    function.decorator_list[index] = expected_decorator(function.decorator_list[index], text)
    return _FunctionEdit((edit,), needs_import)


def _add_decorator(
    context: _FileContext, definition: _tree_sitter.Definition, function: _FunctionNode,
    specs: SignatureSpecs | None = None,
) -> _FunctionEdit:
    # Innermost, directly above `def`: `@staticmethod`, `@classmethod` and every other
    # decorator then receive the tf.function object, which works; above them it does not
    # (a tf.function of a staticmethod object cannot be bound, of a classmethod not built).
    start = definition.function.start_byte
    indentation = indentation_before(context.source, start)
    if indentation is None:
        raise _Refused("the definition does not start its own line")
    first_line = context.parsed.lines.line_of(definition.start_byte)
    decorator = context.names.decorator_for(before_line=first_line)
    needs_import = decorator is None
    if decorator is None:
        if not context.names.can_add_default_import():
            raise _Refused("no TensorFlow import, and the name `tf` is already taken")
        decorator = "tf.function"
    if specs is not None:
        text, needs_signature_import = _signature_text(context, definition, specs)
        decorator = f"{decorator}(input_signature={text})"
        needs_import |= needs_signature_import
    function.decorator_list.append(ast.parse(decorator, mode="eval").body)
    line = decorator_line(indentation, decorator, context.newline)
    at = line_start(context.source, start)
    return _FunctionEdit((ByteEdit(at, at, line),), needs_import)


def _remove_decorators(
    context: _FileContext,
    definition: _tree_sitter.Definition,
    function: _FunctionNode,
    indices: list[int],
) -> _FunctionEdit:
    edits = []
    for index in indices:
        node = definition.decorators[index]
        if indentation_before(context.source, node.start_byte) is None:
            raise _Refused("the tf.function decorator does not start its own line")
        if not only_comment_follows(context.source, node.end_byte):
            raise _Refused("code follows the tf.function decorator on its last line")
        start = line_start(context.source, node.start_byte)
        edits.append(ByteEdit(start, line_end_after_break(context.source, node.end_byte), b""))
    for index in reversed(indices):
        del function.decorator_list[index]
    return _FunctionEdit(tuple(edits), needs_import=False)


def _import_edit(context: _FileContext, module: ast.Module) -> ByteEdit:
    offset, body_index = import_position(module, context.source, context.parsed.lines)
    context.expected.body.insert(body_index, ast.parse(import_statement()).body[0])
    text = import_statement().encode("utf-8") + context.newline
    if offset == len(context.source) and context.source and context.source[-1:] not in b"\r\n":
        text = context.newline + text  # the last line has no line break yet
    return ByteEdit(offset, offset, text)


def _functions_by_line(module: ast.Module) -> dict[int, _FunctionNode]:
    return {
        node.lineno: node
        for node in ast.walk(module)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


def _refuse_file(path: str, reason: str) -> FilePlan:
    return FilePlan(path, None, (EditRefusal(path, None, reason),))
