package org.hybridize.wala.cg;

import static com.ibm.wala.ipa.callgraph.propagation.PropagationCallGraphBuilder.assignOperator;

import com.ibm.wala.cast.loader.CAstAbstractModuleLoader.DynamicMethodObject;
import com.ibm.wala.cast.types.AstMethodReference;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.fixpoint.UnaryOperator;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.callgraph.propagation.PointsToSetVariable;
import com.ibm.wala.ipa.callgraph.propagation.PropagationSystem;
import com.ibm.wala.util.intset.IntSetUtil;
import com.ibm.wala.util.intset.MutableIntSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hybridize.wala.cast.CallShape;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.ModuleObjectKey;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyTypes;

/**
 * One concern of the constraints generated for a call-graph node, and the plumbing they share:
 * running an action on every object a value may hold (now and as its points-to set grows),
 * flows between pointer keys, and the objects the front end allocates.
 */
abstract class NodeConstraints {
  final PyConstraintVisitor visitor;
  final PyCallGraphBuilder py;
  final CGNode node;
  final PropagationSystem system;

  NodeConstraints(PyConstraintVisitor visitor) {
    this.visitor = visitor;
    this.py = visitor.pyBuilder();
    this.node = visitor.node();
    this.system = visitor.system();
  }

  PointerKey getPointerKeyForLocal(int vn) {
    return visitor.getPointerKeyForLocal(vn);
  }

  /** Runs {@code action} on every instance key the value {@code vn} may hold, now and later. */
  void forEachObject(int vn, String label, Consumer<InstanceKey> action) {
    if (visitor.isInvariant(vn)) {
      for (InstanceKey k : visitor.invariantContents(vn)) {
        if (k != null) action.accept(k);
      }
      return;
    }
    forEachObject(getPointerKeyForLocal(vn), label, action);
  }

  void forEachObject(PointerKey key, String label, Consumer<InstanceKey> action) {
    system.newSideEffect(new ForEachOperator(label, key, action), key);
  }

  private final class ForEachOperator extends UnaryOperator<PointsToSetVariable> {
    private final String label;
    // Kept to name the operator on demand: rendering a pointer key eagerly costs a lot.
    private final PointerKey key;
    private final Consumer<InstanceKey> action;
    private final MutableIntSet done = IntSetUtil.make();

    ForEachOperator(String label, PointerKey key, Consumer<InstanceKey> action) {
      this.label = label;
      this.key = key;
      this.action = action;
    }

    @Override
    public byte evaluate(PointsToSetVariable lhs, PointsToSetVariable rhs) {
      // Points-to sets only grow and done holds only their members: equal sizes, nothing new.
      if (rhs.getValue() != null && rhs.getValue().size() != done.size()) {
        List<Integer> fresh = new ArrayList<>();
        rhs.getValue().foreach(i -> {
          if (!done.contains(i)) fresh.add(i);
        });
        for (int i : fresh) {
          done.add(i);
          action.accept(system.getInstanceKey(i));
        }
      }
      return NOT_CHANGED;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }

    @Override
    public boolean equals(Object o) {
      return o == this;
    }

    @Override
    public String toString() {
      return label + " " + key;
    }
  }

  /** The value number of argument {@code name} of {@code call} (by keyword, else at {@code position}), or -1. */
  static int argument(PyInvokeInstruction call, String name, int position) {
    CallShape shape = call.getShape();
    int keyword = shape.keywords().indexOf(name);
    if (keyword >= 0) return call.getArgument(shape.positional() + keyword);
    return position < shape.positional() ? call.getArgument(position) : -1;
  }

  /** target ⊇ value of local {@code vn}. */
  void flowLocalInto(PointerKey target, int vn) {
    if (target == null) return;
    if (visitor.isInvariant(vn)) {
      system.recordImplicitPointsToSet(getPointerKeyForLocal(vn));
      for (InstanceKey k : visitor.invariantContents(vn)) {
        if (k != null) system.newConstraint(target, k);
      }
    } else {
      system.newConstraint(target, assignOperator, getPointerKeyForLocal(vn));
    }
  }

  void flow(PointerKey target, PointerKey source) {
    if (target == null || source == null || target.equals(source)) return;
    system.newConstraint(target, assignOperator, source);
  }

  String constantString(int vn) {
    return visitor.symbolTable().isStringConstant(vn) ? (String) visitor.symbolTable().getConstantValue(vn) : null;
  }

  IClass typeOf(com.ibm.wala.types.TypeReference t) {
    return py.coreClass(t);
  }

  LibraryObjectKey library(String path) {
    return new LibraryObjectKey(path, typeOf(PyTypes.LIBRARY), null, null);
  }

  static PyClassType classObjectType(InstanceKey k) {
    if (k instanceof InstanceObjectKey) return null;
    return k.getConcreteType() instanceof PyClassType c ? c : null;
  }

  /** A typed value made by the instruction at {@code pc} of this node (not a call result). */
  LibraryObjectKey typedValue(String path, ValueKind kind, int pc) {
    return LibraryObjectKey.value(path, kind, typeOf(kind.type()), node, syntheticSite(pc));
  }

  CallSiteReference syntheticSite(int pc) {
    return new com.ibm.wala.cast.loader.DynamicCallSiteReference(PyTypes.CODE_BODY, pc);
  }

  boolean isFunction(InstanceKey k) {
    IClass c = k.getConcreteType();
    return c != null && c.getSuperclass() != null && c.getSuperclass().getReference().equals(PyTypes.FUNCTION);
  }

  /** The element slot of a container the program built ({@code [a, b]}, packed arguments). */
  PointerKey containerElements(InstanceKey object) {
    if (object instanceof ConstantKey<?> || object instanceof ModuleObjectKey) return null;
    IClass type = object.getConcreteType();
    return type != null && PyTypes.isContainer(type.getReference())
        ? py.fieldKey(object, PyJsonToCAst.ELEMENTS)
        : null;
  }

  boolean isCode(InstanceKey k) {
    IClass c = k.getConcreteType();
    return c != null && c.getMethod(AstMethodReference.fnSelector) instanceof DynamicMethodObject;
  }
}
