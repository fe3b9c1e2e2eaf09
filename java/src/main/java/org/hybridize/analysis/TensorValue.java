package org.hybridize.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The abstract shape and dtype of a value as {@link TensorShapes} computes it: a tensor, or a
 * Python literal (a number, or a nested list or tuple of numbers) that an op converts to one.
 *
 * @param dims the axes, {@code null} for an axis of unknown length; {@code null}: unknown rank
 * @param dtype a TensorFlow dtype name ({@code "float32"}); {@code null}: unknown
 * @param tensor a tensor rather than a Python literal
 * @param weak a Python literal whose dtype TensorFlow picks by context ({@code 1} joins {@code
 *     2.0} as float32)
 */
record TensorValue(List<Integer> dims, String dtype, boolean tensor, boolean weak) {
  static final TensorValue UNKNOWN = new TensorValue(null, null, true, false);

  static TensorValue tensor(List<Integer> dims, String dtype) {
    return new TensorValue(dims == null ? null : Collections.unmodifiableList(new ArrayList<>(dims)), dtype, true, false);
  }

  boolean knownRank() {
    return dims != null;
  }

  /** The same value converted to a tensor of {@code dtype} (its own dtype when null). */
  TensorValue asTensor(String dtype) {
    return tensor(dims, dtype != null ? dtype : this.dtype);
  }

  TensorValue withDims(List<Integer> newDims) {
    return tensor(newDims, dtype);
  }

  /** Number of elements, or null when an axis or the rank is unknown. */
  Long size() {
    if (dims == null) return null;
    long n = 1;
    for (Integer d : dims) {
      if (d == null) return null;
      n *= d;
    }
    return n;
  }

  /**
   * The elements of a Python list or tuple literal as one value of one more axis ({@code n}
   * elements), or null when they differ in rank or shape (a ragged literal) or are unknown.
   */
  static TensorValue stack(int n, List<TensorValue> elements) {
    if (elements.isEmpty()) return new TensorValue(List.of(0), "float32", false, true);
    TensorValue first = elements.get(0);
    String dtype = first.dtype;
    boolean weak = true;
    for (TensorValue e : elements) {
      if (e.dims == null || !e.dims.equals(first.dims)) return null;
      dtype = literalDtype(dtype, e.dtype);
      weak &= e.weak;
      if (dtype == null) return null;
    }
    List<Integer> dims = new ArrayList<>();
    dims.add(n);
    dims.addAll(first.dims);
    return new TensorValue(Collections.unmodifiableList(dims), dtype, false, weak);
  }

  /** Python literals mixing ints and floats make floats; anything else must agree. */
  private static String literalDtype(String a, String b) {
    if (Objects.equals(a, b)) return a;
    if (("int32".equals(a) && "float32".equals(b)) || ("float32".equals(a) && "int32".equals(b))) return "float32";
    return null;
  }

  /** What both values have in common: axes and a dtype they share. */
  static TensorValue join(TensorValue a, TensorValue b) {
    if (a.equals(b)) return a;
    String dtype = a.dtype != null && a.dtype.equals(b.dtype) ? a.dtype : null;
    return new TensorValue(joinDims(a.dims, b.dims), dtype, a.tensor || b.tensor, a.weak && b.weak);
  }

  /** The least shape both values have: axes that differ become unknown; ranks must agree. */
  static List<Integer> joinDims(List<Integer> a, List<Integer> b) {
    if (a == null || b == null || a.size() != b.size()) return null;
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) out.add(Objects.equals(a.get(i), b.get(i)) ? a.get(i) : null);
    return out;
  }

  /** {@code [None, 3] float32}, as a person reads a TensorSpec. */
  static String text(TensorValue value) {
    if (value == null || value.dims == null) return "unknown rank";
    List<String> axes = new ArrayList<>();
    for (Integer d : value.dims) axes.add(d == null ? "None" : d.toString());
    return "[" + String.join(", ", axes) + "] " + (value.dtype == null ? "of unknown dtype" : value.dtype);
  }

  static JsonElement dimsJson(List<Integer> dims) {
    if (dims == null) return JsonNull.INSTANCE;
    JsonArray a = new JsonArray();
    for (Integer d : dims) a.add(d == null ? JsonNull.INSTANCE : new JsonPrimitive(d));
    return a;
  }
}
