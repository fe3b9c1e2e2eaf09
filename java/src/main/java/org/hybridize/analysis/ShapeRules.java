package org.hybridize.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hybridize.analysis.TensorShapes.Call;

/**
 * What shape and dtype a library call returns, from its arguments: constructors from literals
 * and shapes, conversions, and the common shape-changing ops. APIs it does not know: null.
 */
final class ShapeRules {
  private final TensorShapes shapes;
  private final ShapeOps ops;

  ShapeRules(TensorShapes shapes) {
    this.shapes = shapes;
    this.ops = new ShapeOps(shapes);
  }

  TensorValue apply(String api, Call call) {
    return switch (api) {
      case "tensorflow.constant", "tensorflow.convert_to_tensor", "tensorflow.Variable" -> constant(call);
      case "tensorflow.zeros", "tensorflow.ones" -> filled(call, 0, "shape", 1, "float32");
      case "tensorflow.fill" -> fill(call);
      case "tensorflow.random.normal", "tensorflow.random.uniform", "tensorflow.random.truncated_normal" ->
          filled(call, 0, "shape", 3, "float32");
      case "tensorflow.zeros_like", "tensorflow.ones_like" -> like(call, 1);
      case "tensorflow.identity", "tensorflow.stop_gradient", "tensorflow.nn.relu", "tensorflow.math.abs",
          "tensorflow.abs", "tensorflow.nn.sigmoid", "tensorflow.tanh", "tensorflow.math.tanh",
          "tensorflow.square", "tensorflow.math.square" -> like(call, -1);
      case "tensorflow.cast" -> cast(call);
      case "tensorflow.range" -> range(call);
      case "tensorflow.reshape" -> reshape(call);
      case "tensorflow.transpose" -> transpose(call);
      case "tensorflow.expand_dims" -> expandDims(call);
      case "numpy.array", "numpy.asarray" -> numpyArray(call);
      case "numpy.zeros", "numpy.ones" -> numpyFilled(call);
      case "numpy.random.rand", "numpy.random.randn" -> numpyRandom(call);
      case "tensorflow.keras.Input", "tensorflow.keras.layers.Input" -> kerasInput(call);
      default -> ops.apply(api, call);
    };
  }

  private TensorValue input(Call call, int position, String keyword) {
    int vn = call.argument(position, keyword);
    return vn < 0 ? null : shapes.of(call.node(), vn);
  }

  private String dtype(Call call, int position, String keyword) {
    int vn = call.argument(position, keyword);
    return vn < 0 ? null : shapes.dtype(call.node(), vn);
  }

  private List<Integer> ints(Call call, int position, String keyword) {
    int vn = call.argument(position, keyword);
    return vn < 0 ? null : shapes.ints(call.node(), vn);
  }

  /** {@code tf.constant(value, dtype, shape)}: the value's shape, or the one given. */
  private TensorValue constant(Call call) {
    String dtype = dtype(call, 1, "dtype");
    TensorValue value = input(call, 0, "value");
    if (value == null) value = input(call, 0, "initial_value");
    List<Integer> shape = ints(call, 2, "shape");
    String made = dtype != null ? dtype : value == null ? null : value.dtype();
    if (shape != null && call.argument(2, "shape") >= 0) return TensorValue.tensor(shape, made);
    return value == null ? TensorValue.tensor(null, dtype) : value.asTensor(dtype);
  }

  /** {@code tf.zeros(shape, dtype)} and the like: a shape literal and a default dtype. */
  private TensorValue filled(Call call, int shapeAt, String shapeName, int dtypeAt, String dtypeDefault) {
    List<Integer> shape = ints(call, shapeAt, shapeName);
    String dtype = call.argument(dtypeAt, "dtype") >= 0 ? dtype(call, dtypeAt, "dtype") : dtypeDefault;
    return TensorValue.tensor(shape, dtype);
  }

  private TensorValue fill(Call call) {
    TensorValue value = input(call, 1, "value");
    return TensorValue.tensor(ints(call, 0, "dims"), value == null ? null : value.dtype());
  }

  /** Same shape as the input; {@code dtypeAt} >= 0: a dtype argument may override its dtype. */
  private TensorValue like(Call call, int dtypeAt) {
    TensorValue value = input(call, 0, null);
    if (value == null) return TensorValue.UNKNOWN;
    String dtype = dtypeAt >= 0 ? dtype(call, dtypeAt, "dtype") : null;
    return value.asTensor(dtype);
  }

  private TensorValue cast(Call call) {
    TensorValue value = input(call, 0, "x");
    String dtype = dtype(call, 1, "dtype");
    return value == null ? TensorValue.tensor(null, dtype) : value.asTensor(dtype);
  }

  /** {@code tf.range(limit)} or {@code tf.range(start, limit)} of int literals: int32. */
  private TensorValue range(Call call) {
    if (call.argument(2, "delta") >= 0 || call.argument(3, "dtype") >= 0) return TensorValue.tensor(Collections.singletonList(null), null);
    List<Integer> first = ints(call, 0, "start");
    List<Integer> second = call.positional() > 1 ? ints(call, 1, "limit") : List.of(0);
    boolean known = first != null && second != null && first.size() == 1 && second.size() == 1
        && first.get(0) != null && second.get(0) != null;
    Integer length = known ? Math.max(0, Math.abs(first.get(0) - second.get(0))) : null;
    return TensorValue.tensor(Collections.singletonList(length), known ? "int32" : null);
  }

  /** {@code tf.reshape(t, shape)}: a -1 axis is what the other axes leave of the size. */
  private TensorValue reshape(Call call) {
    TensorValue value = input(call, 0, "tensor");
    List<Integer> shape = ints(call, 1, "shape");
    String dtype = value == null ? null : value.dtype();
    if (shape == null) return TensorValue.tensor(null, dtype);
    List<Integer> dims = new ArrayList<>(shape);
    int free = dims.indexOf(-1);
    if (free >= 0) {
      Long size = value == null ? null : value.size();
      long rest = 1;
      for (Integer d : dims) rest *= d == null || d == -1 ? 1 : d;
      boolean known = size != null && dims.stream().filter(d -> d == null).count() == 0 && rest > 0;
      dims.set(free, known ? (int) (size / rest) : null);
    }
    return TensorValue.tensor(dims, dtype);
  }

  private TensorValue transpose(Call call) {
    TensorValue value = input(call, 0, "a");
    if (value == null || !value.knownRank()) return TensorValue.tensor(null, value == null ? null : value.dtype());
    List<Integer> perm = ints(call, 1, "perm");
    if (call.argument(1, "perm") < 0) {
      List<Integer> dims = new ArrayList<>(value.dims());
      Collections.reverse(dims);
      return value.asTensor(null).withDims(dims);
    }
    if (perm == null || perm.size() != value.dims().size() || perm.contains(null)) return TensorValue.tensor(null, value.dtype());
    List<Integer> dims = new ArrayList<>();
    for (int p : perm) dims.add(p >= 0 && p < perm.size() ? value.dims().get(p) : null);
    return TensorValue.tensor(dims, value.dtype());
  }

  private TensorValue expandDims(Call call) {
    TensorValue value = input(call, 0, "input");
    List<Integer> axis = ints(call, 1, "axis");
    if (value == null || !value.knownRank() || axis == null || axis.size() != 1 || axis.get(0) == null) {
      return TensorValue.tensor(null, value == null ? null : value.dtype());
    }
    List<Integer> dims = new ArrayList<>(value.dims());
    int at = axis.get(0) < 0 ? dims.size() + 1 + axis.get(0) : axis.get(0);
    if (at < 0 || at > dims.size()) return TensorValue.tensor(null, value.dtype());
    dims.add(at, 1);
    return TensorValue.tensor(dims, value.dtype());
  }

  /** {@code np.array(literal, dtype)}: NumPy's 64-bit defaults. */
  private TensorValue numpyArray(Call call) {
    TensorValue value = input(call, 0, "object");
    String dtype = dtype(call, 1, "dtype");
    if (value == null) return TensorValue.tensor(null, dtype);
    return value.asTensor(dtype != null ? dtype : value.tensor() ? value.dtype() : Dtypes.numpy(value.dtype()));
  }

  private TensorValue numpyFilled(Call call) {
    String dtype = call.argument(1, "dtype") >= 0 ? dtype(call, 1, "dtype") : "float64";
    return TensorValue.tensor(ints(call, 0, "shape"), dtype);
  }

  /** {@code np.random.rand(d0, d1, ...)}: one int argument per axis. */
  private TensorValue numpyRandom(Call call) {
    List<Integer> dims = new ArrayList<>();
    for (int i = 0; i < call.positional(); i++) {
      List<Integer> d = ints(call, i, null);
      dims.add(d != null && d.size() == 1 ? d.get(0) : null);
    }
    return TensorValue.tensor(dims, "float64");
  }

  /** {@code keras.Input(shape, batch_size=, dtype=)}: the batch axis first, float32 unless given. */
  private TensorValue kerasInput(Call call) {
    List<Integer> shape = ints(call, 0, "shape");
    if (shape == null) return TensorValue.tensor(null, null);
    List<Integer> dims = new ArrayList<>();
    List<Integer> batch = call.argument(-1, "batch_size") < 0 ? null : ints(call, -1, "batch_size");
    dims.add(batch != null && batch.size() == 1 ? batch.get(0) : null);
    dims.addAll(shape);
    String dtype = call.argument(-1, "dtype") >= 0 ? dtype(call, -1, "dtype") : "float32";
    return TensorValue.tensor(dims, dtype);
  }
}
