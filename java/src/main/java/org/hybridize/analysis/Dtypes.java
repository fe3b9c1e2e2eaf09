package org.hybridize.analysis;

import java.util.Set;

/** TensorFlow dtype names as this analysis spells them ({@code tf.TensorSpec}'s {@code dtype}). */
final class Dtypes {
  private static final Set<String> NAMES = Set.of(
      "float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
      "uint16", "uint32", "uint64", "bool", "string", "complex64", "complex128");

  private Dtypes() {}

  /** The dtype a path or string names ({@code tensorflow.float32}, {@code numpy.int64}, {@code "float"}). */
  static String named(String path) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    switch (name) {
      case "float": return "float32";  // tf.float, dtype=float
      case "double": return "float64";
      case "half": return "float16";
      case "int": return path.equals("int") || path.equals("builtins.int") ? "int32" : null;
      default: break;
    }
    return NAMES.contains(name) ? name : null;
  }

  /** What TensorFlow makes of a Python scalar: int32, float32, bool or string. */
  static String ofPython(Object value) {
    if (value instanceof Boolean) return "bool";
    if (value instanceof Float || value instanceof Double) return "float32";
    if (value instanceof Integer || value instanceof Long) return "int32";
    return value instanceof String ? "string" : null;
  }

  /** NumPy's default: 64-bit where TensorFlow's Python conversion picks 32. */
  static String numpy(String dtype) {
    return switch (dtype == null ? "" : dtype) {
      case "int32" -> "int64";
      case "float32" -> "float64";
      default -> dtype;
    };
  }
}
