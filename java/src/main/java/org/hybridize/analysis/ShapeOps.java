package org.hybridize.analysis;

import com.ibm.wala.shrike.shrikeBT.IBinaryOpInstruction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hybridize.analysis.TensorShapes.Call;

/**
 * The common shape-changing ops ({@link ShapeRules} has the constructors): elementwise
 * arithmetic broadcasts, {@code concat}/{@code stack} join a list of tensors, {@code squeeze},
 * {@code matmul}, the {@code reduce_*} family and {@code one_hot}. APIs it does not know: null.
 */
final class ShapeOps {
  private final TensorShapes shapes;

  ShapeOps(TensorShapes shapes) {
    this.shapes = shapes;
  }

  TensorValue apply(String api, Call call) {
    return switch (api) {
      case "tensorflow.add", "tensorflow.math.add" -> elementwise(call, IBinaryOpInstruction.Operator.ADD);
      case "tensorflow.subtract", "tensorflow.math.subtract" -> elementwise(call, IBinaryOpInstruction.Operator.SUB);
      case "tensorflow.multiply", "tensorflow.math.multiply" -> elementwise(call, IBinaryOpInstruction.Operator.MUL);
      case "tensorflow.concat" -> concat(call);
      case "tensorflow.stack" -> stack(call);
      case "tensorflow.squeeze" -> squeeze(call);
      case "tensorflow.matmul", "tensorflow.linalg.matmul" -> matmul(call);
      case "tensorflow.reduce_sum", "tensorflow.reduce_mean", "tensorflow.reduce_max", "tensorflow.reduce_min",
          "tensorflow.reduce_prod", "tensorflow.math.reduce_sum", "tensorflow.math.reduce_mean",
          "tensorflow.math.reduce_max", "tensorflow.math.reduce_min" -> reduce(call);
      case "tensorflow.one_hot" -> oneHot(call);
      default -> null;
    };
  }

  private TensorValue input(Call call, int position, String keyword) {
    int vn = call.argument(position, keyword);
    return vn < 0 ? null : shapes.of(call.node(), vn);
  }

  /** A single int argument (an axis, a depth); null when absent or not a known int. */
  private Integer integer(Call call, int position, String keyword) {
    int vn = call.argument(position, keyword);
    List<Integer> ints = vn < 0 ? null : shapes.ints(call.node(), vn);
    return ints != null && ints.size() == 1 ? ints.get(0) : null;
  }

  private TensorValue elementwise(Call call, IBinaryOpInstruction.IOperator operator) {
    return OperatorShapes.binary(operator, input(call, 0, "x"), input(call, 1, "y"));
  }

  private List<TensorValue> values(Call call) {
    int vn = call.argument(0, "values");
    return vn < 0 ? null : shapes.elements(call.node(), vn);
  }

  /** {@code tf.concat([a, b], axis)}: the axis adds up, the others must agree. */
  private TensorValue concat(Call call) {
    List<TensorValue> values = values(call);
    Integer axis = integer(call, 1, "axis");
    if (values == null || values.isEmpty() || axis == null) return TensorValue.UNKNOWN;
    TensorValue first = values.get(0);
    if (!first.knownRank()) return TensorValue.tensor(null, first.dtype());
    int at = axis < 0 ? axis + first.dims().size() : axis;
    List<Integer> dims = new ArrayList<>(first.dims());
    String dtype = first.dtype();
    for (TensorValue v : values.subList(1, values.size())) {
      if (!v.knownRank() || v.dims().size() != dims.size() || at < 0 || at >= dims.size()) return TensorValue.tensor(null, null);
      for (int i = 0; i < dims.size(); i++) {
        Integer mine = dims.get(i);
        Integer theirs = v.dims().get(i);
        dims.set(i, i == at ? (mine == null || theirs == null ? null : mine + theirs)
            : mine != null && mine.equals(theirs) ? mine : mine == null ? theirs : theirs == null ? mine : null);
      }
      if (dtype != null && !dtype.equals(v.dtype())) dtype = null;
    }
    return TensorValue.tensor(dims, dtype);
  }

  /** {@code tf.stack([a, b], axis)}: a new axis of the number of values. */
  private TensorValue stack(Call call) {
    List<TensorValue> values = values(call);
    if (values == null || values.isEmpty()) return TensorValue.UNKNOWN;
    TensorValue joined = values.get(0).asTensor(null);
    for (TensorValue v : values) joined = TensorValue.join(joined, v.asTensor(null));
    Integer axis = call.argument(1, "axis") < 0 ? Integer.valueOf(0) : integer(call, 1, "axis");
    if (!joined.knownRank() || axis == null) return TensorValue.tensor(null, joined.dtype());
    int at = axis < 0 ? axis + joined.dims().size() + 1 : axis;
    if (at < 0 || at > joined.dims().size()) return TensorValue.tensor(null, joined.dtype());
    List<Integer> dims = new ArrayList<>(joined.dims());
    dims.add(at, values.size());
    return joined.withDims(dims);
  }

  /** {@code tf.squeeze(t)} drops every axis of length 1 (an unknown one: unknown rank). */
  private TensorValue squeeze(Call call) {
    TensorValue value = input(call, 0, "input");
    if (value == null || !value.knownRank()) return TensorValue.tensor(null, value == null ? null : value.dtype());
    boolean axisGiven = call.argument(1, "axis") >= 0;
    Integer axis = integer(call, 1, "axis");
    List<Integer> dims = new ArrayList<>();
    for (int i = 0; i < value.dims().size(); i++) {
      Integer d = value.dims().get(i);
      boolean named = axisGiven && axis != null && (axis == i || axis + value.dims().size() == i);
      if (axisGiven ? !named : d == null || d != 1) dims.add(d);
      if (!axisGiven && d == null) return TensorValue.tensor(null, value.dtype());
    }
    if (axisGiven && axis == null) return TensorValue.tensor(null, value.dtype());
    return value.asTensor(null).withDims(dims);
  }

  /** {@code tf.matmul(a, b)} of rank-2 operands (no transposes): [rows of a, columns of b]. */
  private TensorValue matmul(Call call) {
    TensorValue a = input(call, 0, "a");
    TensorValue b = input(call, 1, "b");
    boolean transposed = call.positional() > 2 || call.argument(-1, "transpose_a") >= 0 || call.argument(-1, "transpose_b") >= 0;
    if (a == null || b == null) return TensorValue.UNKNOWN;
    String dtype = a.dtype() != null && a.dtype().equals(b.dtype()) ? a.dtype() : null;
    if (transposed || !a.knownRank() || !b.knownRank() || a.dims().size() != 2 || b.dims().size() != 2) {
      return TensorValue.tensor(null, dtype);
    }
    return TensorValue.tensor(Arrays.asList(a.dims().get(0), b.dims().get(1)), dtype);
  }

  /** {@code tf.reduce_*(t, axis, keepdims)}: no axis reduces to a scalar. */
  private TensorValue reduce(Call call) {
    TensorValue value = input(call, 0, "input_tensor");
    if (value == null) return TensorValue.UNKNOWN;
    Object keep = call.argument(2, "keepdims") < 0 ? Boolean.FALSE : shapes.constant(call.node(), call.argument(2, "keepdims"));
    boolean axisGiven = call.argument(1, "axis") >= 0;
    Integer axis = integer(call, 1, "axis");
    if (!(keep instanceof Boolean keepdims) || !value.knownRank() || (axisGiven && axis == null)) {
      return TensorValue.tensor(null, value.dtype());
    }
    int rank = value.dims().size();
    List<Integer> dims = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      boolean reduced = !axisGiven || axis == i || axis + rank == i;
      if (!reduced) dims.add(value.dims().get(i));
      else if (keepdims) dims.add(1);
    }
    return value.asTensor(null).withDims(dims);
  }

  /** {@code tf.one_hot(indices, depth)}: a new last axis of depth, float32 unless given. */
  private TensorValue oneHot(Call call) {
    TensorValue indices = input(call, 0, "indices");
    Integer depth = integer(call, 1, "depth");
    int dtypeAt = call.argument(5, "dtype");
    String dtype = dtypeAt < 0 ? "float32" : shapes.dtype(call.node(), dtypeAt);
    if (indices == null || !indices.knownRank()) return TensorValue.tensor(null, dtype);
    List<Integer> dims = new ArrayList<>(indices.dims());
    dims.add(depth);
    return TensorValue.tensor(dims, dtype);
  }
}
