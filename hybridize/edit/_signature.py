"""Writing ``input_signature=[tf.TensorSpec(...), ...]`` into a ``tf.function`` decorator.

The decorator is edited in place, as bytes: a bare ``@tf.function`` gains a call, an empty or
keyword-only call gains the keyword after its last argument, an existing ``input_signature``
has only its value replaced. The expected syntax tree gets the same change, so the file-wide
AST check proves nothing else moved.
"""

from __future__ import annotations

import ast

import tree_sitter

from hybridize.edit._tree_sitter import decorator_expression
from hybridize.edit.model import ByteEdit, SignatureSpecs

KEYWORD = "input_signature"


def signature_source(specs: SignatureSpecs, package: str) -> str:
    """``[tf.TensorSpec(shape=[None, 3], dtype=tf.float32), ...]`` through ``package``."""
    parts = []
    for shape, dtype in specs:
        axes = "None" if shape is None else \
            "[" + ", ".join("None" if a is None else str(a) for a in shape) + "]"
        parts.append(f"{package}.TensorSpec(shape={axes}, dtype={package}.{dtype})")
    return "[" + ", ".join(parts) + "]"


def signature_edit(decorator: tree_sitter.Node, text: str) -> ByteEdit | None:
    """The byte edit writing ``input_signature=text`` into the decorator; None when its
    expression is not one this knows how to extend (``@tf.function(**options)``)."""
    expression = decorator_expression(decorator)
    if expression is None:
        return None
    if expression.type != "call":
        return ByteEdit(expression.end_byte, expression.end_byte,
                        f"({KEYWORD}={text})".encode())
    arguments = expression.child_by_field_name("arguments")
    if arguments is None or arguments.type != "argument_list":
        return None
    given = [c for c in arguments.named_children if c.type != "comment"]
    for argument in given:
        name = argument.child_by_field_name("name") if argument.type == "keyword_argument" else None
        if name is not None and name.text == KEYWORD.encode():
            value = argument.child_by_field_name("value")
            if value is None:
                return None
            return ByteEdit(value.start_byte, value.end_byte, text.encode())
    if any(a.type in ("dictionary_splat", "list_splat") for a in given):
        return None
    if not given:
        closing = arguments.end_byte - 1
        return ByteEdit(closing, closing, f"{KEYWORD}={text}".encode())
    last = given[-1]
    return ByteEdit(last.end_byte, last.end_byte, f", {KEYWORD}={text}".encode())


def expected_decorator(decorator: ast.expr, text: str) -> ast.expr:
    """The decorator's syntax tree after the edit."""
    value = ast.parse(text, mode="eval").body
    if not isinstance(decorator, ast.Call):
        return ast.Call(func=decorator, args=[], keywords=[ast.keyword(arg=KEYWORD, value=value)])
    keywords = [k for k in decorator.keywords if k.arg != KEYWORD]
    position = next((i for i, k in enumerate(decorator.keywords) if k.arg == KEYWORD),
                    len(keywords))
    keywords.insert(position, ast.keyword(arg=KEYWORD, value=value))
    return ast.Call(func=decorator.func, args=decorator.args, keywords=keywords)
