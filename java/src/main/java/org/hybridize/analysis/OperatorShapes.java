package org.hybridize.analysis;

import com.ibm.wala.cast.ir.ssa.CAstBinaryOp;
import com.ibm.wala.shrike.shrikeBT.IBinaryOpInstruction;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape and dtype of what a Python operator on tensors gives ({@code x * 2.0}, {@code a + b},
 * {@code x > 0}): the operands broadcast as NumPy does; a Python literal takes the tensor's dtype.
 */
final class OperatorShapes {
  private OperatorShapes() {}

  static TensorValue binary(IBinaryOpInstruction.IOperator operator, TensorValue left, TensorValue right) {
    if (left == null || right == null) return TensorValue.UNKNOWN;
    List<Integer> dims = broadcast(left.dims(), right.dims());
    if (operator instanceof CAstBinaryOp) return TensorValue.tensor(dims, "bool");
    return TensorValue.tensor(dims, dtype(operator, left, right));
  }

  /** NumPy broadcasting: trailing axes pair up, a 1 stretches; null when unknown or incompatible. */
  static List<Integer> broadcast(List<Integer> a, List<Integer> b) {
    if (a == null || b == null) return null;
    int rank = Math.max(a.size(), b.size());
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      Integer x = axis(a, rank, i);
      Integer y = axis(b, rank, i);
      if (x != null && x == 1) out.add(y);
      else if (y != null && y == 1) out.add(x);
      else if (x != null && y != null && !x.equals(y)) return null;
      else out.add(x != null ? x : y);
    }
    return out;
  }

  private static Integer axis(List<Integer> dims, int rank, int i) {
    int at = i - (rank - dims.size());
    return at < 0 ? Integer.valueOf(1) : dims.get(at);
  }

  /**
   * A literal takes the other side's dtype (a float literal and an integer tensor: unknown, the
   * op raises); two tensors must agree; {@code /} of integers gives floats: unknown here.
   */
  private static String dtype(IBinaryOpInstruction.IOperator operator, TensorValue left, TensorValue right) {
    String dtype;
    if (left.weak() && !right.weak()) dtype = literalJoins(left, right.dtype());
    else if (right.weak() && !left.weak()) dtype = literalJoins(right, left.dtype());
    else dtype = left.dtype() != null && left.dtype().equals(right.dtype()) ? left.dtype() : null;
    boolean integers = dtype != null && (dtype.startsWith("int") || dtype.startsWith("uint"));
    return operator == IBinaryOpInstruction.Operator.DIV && integers ? null : dtype;
  }

  private static String literalJoins(TensorValue literal, String tensorDtype) {
    if (tensorDtype == null) return null;
    boolean floatLiteral = "float32".equals(literal.dtype());
    boolean integerTensor = tensorDtype.startsWith("int") || tensorDtype.startsWith("uint");
    return floatLiteral && integerTensor ? null : tensorDtype;
  }
}
