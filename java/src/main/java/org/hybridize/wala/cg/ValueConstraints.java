package org.hybridize.wala.cg;

import com.ibm.wala.cast.ir.ssa.CAstBinaryOp;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.shrike.shrikeBT.IBinaryOpInstruction;
import com.ibm.wala.shrike.shrikeBT.IUnaryOpInstruction;
import com.ibm.wala.ssa.SSABinaryOpInstruction;
import com.ibm.wala.ssa.SSAUnaryOpInstruction;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.ModuleObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.SuperKey;
import org.hybridize.wala.ir.PyObjectRefInstruction;
import org.hybridize.wala.ir.PySuperInstruction;
import org.hybridize.wala.ir.PyTypes;

/**
 * Objects instructions make: project modules and library objects named by the front end,
 * {@code super()} objects, and operator results typed by their operands (tensors, scalars,
 * concatenated containers).
 */
final class ValueConstraints extends NodeConstraints {
  ValueConstraints(PyConstraintVisitor visitor) {
    super(visitor);
  }

  void objectRef(PyObjectRefInstruction instruction) {
    InstanceKey key =
        instruction.getKind() == PyObjectRefInstruction.Kind.MODULE
            ? new ModuleObjectKey(instruction.getName(), typeOf(PyTypes.MODULE))
            : library(instruction.getName());
    system.newConstraint(getPointerKeyForLocal(instruction.getDef()), key);
  }

  void superObject(PySuperInstruction instruction) {
    PointerKey result = getPointerKeyForLocal(instruction.getDef());
    forEachObject(instruction.getUse(0), "super", self ->
        system.newConstraint(result, new SuperKey(instruction.getEnclosingClass(), self, typeOf(PyTypes.SUPER))));
  }

  /**
   * Python operators: a tensor operand gives a tensor ({@code t * 2}, {@code t < 0}); scalar
   * operands give a computed scalar ({@code n + 1}, {@code "a" + s}); two containers
   * concatenate ({@code xs + ys}). Results are allocated at the operator.
   */
  void binaryOp(SSABinaryOpInstruction instruction) {
    PointerKey result = getPointerKeyForLocal(instruction.getDef());
    IBinaryOpInstruction.IOperator operator = instruction.getOperator();
    boolean comparison = operator instanceof CAstBinaryOp;
    boolean division = operator == IBinaryOpInstruction.Operator.DIV;
    boolean addition = operator == IBinaryOpInstruction.Operator.ADD;
    int pc = instruction.iIndex();
    List<Set<ValueKind>> seen = List.of(EnumSet.noneOf(ValueKind.class), EnumSet.noneOf(ValueKind.class));
    List<Set<InstanceKey>> containers = List.of(new HashSet<>(), new HashSet<>());
    for (int side = 0; side < 2; side++) {
      int operand = side;
      forEachObject(instruction.getUse(side), "operator", object -> {
        ValueKind kind = ValueKind.of(object);
        if (kind != null) seen.get(operand).add(kind);
        if (containerElements(object) != null) containers.get(operand).add(object);
        if (kind != null && kind.isTensor()) {
          system.newConstraint(result, typedValue("tensorflow.Tensor", ValueKind.TENSOR, pc));
        }
        ValueKind scalar = scalarResult(seen.get(0), seen.get(1), comparison, division);
        if (scalar != null) system.newConstraint(result, typedValue("builtins." + scalar.modelName(), scalar, pc));
        if (addition && containerElements(object) != null) {
          concatenate(object, !containers.get(0).isEmpty() && !containers.get(1).isEmpty(), result, pc);
        }
      });
    }
  }

  /** {@code xs + ys}: a new list holding the elements of both (once both sides are containers). */
  private void concatenate(InstanceKey part, boolean bothContainers, PointerKey result, int pc) {
    InstanceKey list = LibraryObjectKey.value("builtins.list", null, typeOf(PyTypes.LIST), node, syntheticSite(pc));
    flow(py.fieldKey(list, PyJsonToCAst.ELEMENTS), containerElements(part));
    if (bothContainers) system.newConstraint(result, list);
  }

  private static ValueKind scalarResult(
      Set<ValueKind> left, Set<ValueKind> right, boolean comparison, boolean division) {
    boolean leftScalar = left.stream().anyMatch(ValueKind::isScalar);
    boolean rightScalar = right.stream().anyMatch(ValueKind::isScalar);
    if (!leftScalar || !rightScalar) return null;
    if (comparison) return ValueKind.BOOL;
    if (left.contains(ValueKind.STR) || right.contains(ValueKind.STR)) return ValueKind.STR;
    if (division || left.contains(ValueKind.FLOAT) || right.contains(ValueKind.FLOAT)) return ValueKind.FLOAT;
    return ValueKind.INT;
  }

  void unaryOp(SSAUnaryOpInstruction instruction) {
    PointerKey result = getPointerKeyForLocal(instruction.getDef());
    boolean not = instruction.getOpcode() == IUnaryOpInstruction.Operator.NEG;
    int pc = instruction.iIndex();
    forEachObject(instruction.getUse(0), "operator", object -> {
      ValueKind kind = ValueKind.of(object);
      if (kind == null) return;
      if (not) {
        if (kind.isScalar()) system.newConstraint(result, typedValue("builtins.bool", ValueKind.BOOL, pc));
      } else if (kind.isTensor()) {
        system.newConstraint(result, typedValue("tensorflow.Tensor", ValueKind.TENSOR, pc));
      } else if (kind == ValueKind.INT || kind == ValueKind.FLOAT) {
        system.newConstraint(result, typedValue("builtins." + kind.modelName(), kind, pc));
      } else if (kind == ValueKind.BOOL) {
        system.newConstraint(result, typedValue("builtins.int", ValueKind.INT, pc));
      }
    });
  }
}
