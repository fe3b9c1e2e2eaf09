"""The kind of result a docstring's ``Returns:`` (or ``Yields:``) section names.

TensorFlow documents results in Google style: ``Returns:`` then an indented paragraph whose
first sentence names the result (``A `Tensor`. Has the same type as `x`.``). Only that first
sentence is read: the rest tells shapes and dtypes, and mentions other types in passing.
"""

from __future__ import annotations

import inspect
import re

_SECTION = re.compile(r"^\s*(Returns|Return|Yields)\s*:\s*(.*)$")
_NEXT_SECTION = re.compile(r"^\s*(Args|Arguments|Raises|Example|Examples|Usage|Note|Notes|"
                           r"References|Call arguments|Input shape|Output shape)\s*:")
#: ``outputs: A list of ...``: a result named before its description.
_NAMED = re.compile(r"^[\w, ()`*]{1,40}:\s+")

#: First match wins: composite and container words before the plain tensor word, so that
#: ``A list of `Tensor`s`` is a container and ``A `RaggedTensor``` a tensor.
_RULES: tuple[tuple[str, str], ...] = (
    # Not TensorFlow values, whatever else the sentence says.
    ("other", r"\bnumpy arrays?\b|^(an? |the )?(list|tuple)s? of (lists|strings?|numpy)\b|"
              r"\bdictionary\b|\binstance of the python\b|^(an? )?python module\b"),
    ("str", r"^(the )?(full )?path\b|^the directory as string\b"),
    ("other", r"^(an? )?(tuple|list) of (python )?(int|integers|ints)\b|transformation function\b"),
    ("tensor_container", r"^(an? |the )?(python )?(list|tuple|dict|nested structure|structure|pair)"
                         r"\b[^.]*\b(tensors?|raggedtensors?|sparsetensors?|outputs?)\b"),
    ("tensor_container", r"^(an? |the )?(list|tuple) of\b[^.]{0,25}\btensor"),
    ("tensor_container", r"^(an? |the )?(tuple|pair) (`code`|\(|with \w+ named)|"
                         r"^(two|three|four) `?tensors?`?\b"),
    ("bool", r"^`?true`? (if|when|iff|on success)\b|^whether\b"),
    ("dataset", r"^(an? |the )?(new )?`?(data\.)?dataset`?\b"),
    ("variable", r"^(an? |the )?(new |created )?`?(tf\.)?variable`?\b(?! ?shape)"),
    ("tensor", r"\b(raggedtensor|sparsetensor|indexedslices|extensiontype)\b"),
    ("tensor", r"^(an? |the |\d+-d |\d-d |one |two )?[^.]{0,60}?\b`?(tf\.)?tensors?\b(?!shape|spec|array)"),
    ("tensor", r"^[^.]{0,40}\b(loss|error|activation) values?\b"),
    ("keras_object", r"^(an? |the )?(keras |compiled |new )?`?(keras\.)?(model|layer|loss|metric)s?\b"),
    ("bool", r"^(an? |the )?(python )?`?(bool|boolean)`?\b"),
    ("int", r"^(an? |the )?(python )?`?(int|integer)`?\b"),
    ("float", r"^(an? |the )?(python )?`?float`?\b"),
    ("str", r"^(an? |the )?(python )?`?(str|string)`?\b(?! tensor)"),
    ("other", r"^`?none`?\b|^nothing\b|^(an? |the )?(created |new )?`?(operation|op|function|callable|"
              r"decorator|context ?manager|dtype|tensorshape|tensorspec|typespec|numpy|np\.ndarray|"
              r"\d-?d numpy|pil image|python (list|dict)|dict(ionary)?|iterator|generator|"
              r"checkpoint|device|graph|options|trackable|textual representation|"
              r"(original )?(method|function) wrapped)\b"),
    ("tf_object", r"^(an? |the )?keras optimizer\b"),
    ("other", r"^(an? )?list of\b|^(an? )?(keras )?`?\w+`? instance\b"),
)
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in _RULES)


def returns_text(obj: object) -> str | None:
    """The first sentence of ``obj``'s ``Returns:`` section, lower-cased; None if it has none."""
    doc = inspect.getdoc(obj)
    if not doc:
        return None
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        match = _SECTION.match(line)
        if match:
            return _first_sentence([match.group(2), *_paragraph(lines[i + 1:])])
    return None


_CODE_SPAN = re.compile(r"`([^`]*)`")
_WORD = re.compile(r"[\w.]*")
#: In a namespace whose arrays are TensorFlow tensors, "an array" names a tensor.
_ARRAY = re.compile(r"^(an? |the )?[^.]{0,40}?\b(n-?d)?arrays?\b")


_NUMPY_SECTION = re.compile(r"^Returns\n-+\n(?:[\w, ]+ : )?([^\n]+)", re.MULTILINE)


def numpy_returns_type(obj: object) -> str | None:
    """The type a NumPy-style ``Returns`` section names (``y : ndarray or scalar``), lower-cased."""
    doc = inspect.getdoc(obj)
    match = _NUMPY_SECTION.search(doc) if doc else None
    return match.group(1).strip().lower() if match else None


def kind_of_returns(text: str, arrays_are_tensors: bool = False) -> str | None:
    """The kind the first sentence of a ``Returns:`` section names, or None if unclear.
    ``arrays_are_tensors``: the function's namespace declares its arrays to be tensors."""
    text = text.replace("`tf.", "`").replace(" tf.", " ")
    # Code spans that are not one word (`[..., samples]`) would end a sentence early.
    text = _CODE_SPAN.sub(lambda m: m.group(0) if _WORD.fullmatch(m.group(1)) else "`code`", text)
    # ``outputs: A list of ...`` names the result first; ``integer tensor: ...`` does not.
    named = _NAMED.sub("", text, count=1)
    for candidate in (named, text) if named != text else (text,):
        kind = _kind_of_sentence(candidate, arrays_are_tensors)
        if kind:
            return kind
    return None


def _kind_of_sentence(text: str, arrays_are_tensors: bool) -> str | None:
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    if arrays_are_tensors and _ARRAY.search(text) and "numpy" not in text:
        return "tensor"
    return None


def _paragraph(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if _NEXT_SECTION.match(line) or (out and not line.strip()):
            break
        out.append(line.strip())
    return out


def _first_sentence(parts: list[str]) -> str | None:
    text = " ".join(p for p in parts if p).strip().lower()
    if not text:
        return None
    # A sentence ends at ". " (not inside `tf.x`); keep a little past it for "A `Tensor`." forms.
    end = re.search(r"\.\s", text + " ")
    return text[: end.start() + 1] if end else text
