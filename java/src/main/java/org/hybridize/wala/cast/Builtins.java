package org.hybridize.wala.cast;

import java.util.Set;

/** Names the translator must recognise: Python's builtins and its expression node types. */
final class Builtins {
  private Builtins() {}

  static final Set<String> NAMES =
      Set.of(
          "abs", "all", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes",
          "callable", "chr", "classmethod", "compile", "complex", "delattr", "dict", "dir",
          "divmod", "enumerate", "eval", "exec", "filter", "float", "format", "frozenset",
          "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
          "isinstance", "issubclass", "iter", "len", "list", "locals", "map", "max",
          "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print",
          "property", "range", "repr", "reversed", "round", "set", "setattr", "slice",
          "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
          "Exception", "BaseException", "ValueError", "TypeError", "KeyError", "IndexError",
          "RuntimeError", "NotImplementedError", "AttributeError", "StopIteration", "None",
          "True", "False", "NotImplemented", "Ellipsis", "AssertionError", "OSError");

  static final Set<String> EXPRESSIONS =
      Set.of(
          "BoolOp", "NamedExpr", "BinOp", "UnaryOp", "Lambda", "IfExp", "Dict", "Set",
          "ListComp", "SetComp", "DictComp", "GeneratorExp", "Await", "Yield", "YieldFrom",
          "Compare", "Call", "FormattedValue", "JoinedStr", "Constant", "Attribute",
          "Subscript", "Starred", "Name", "List", "Tuple", "Slice");
}
