package org.hybridize.analysis;

import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.AllocationSiteInNode;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ssa.IR;
import com.ibm.wala.ssa.SSAAbstractInvokeInstruction;
import com.ibm.wala.ssa.SSABinaryOpInstruction;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SSAUnaryOpInstruction;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.cast.ir.ssa.CAstUnaryOp;
import com.ibm.wala.util.intset.OrdinalSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hybridize.wala.cg.PyCallGraphBuilder.LibraryCall;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.ValueKind;
import org.hybridize.wala.ir.PyInvokeInstruction;

/**
 * The shape and dtype of tensors, per abstract object of the pointer analysis: a tensor a
 * library call made gets its shape from the call's arguments as the pointer analysis and the
 * caller's IR know them (literals, nested list and tuple displays, other tensors), by the rules
 * of {@link ShapeRules}. Anything else is {@link TensorValue#UNKNOWN} (a tensor) or null (not a
 * value this analysis knows).
 */
public final class TensorShapes {
  /** Nested calls are followed this deep (a tensor made from a tensor made from ...). */
  private static final int MAX_DEPTH = 16;

  private final AnalysedProject project;
  private final Map<Site, Set<String>> apis = new HashMap<>();
  private final Map<InstanceKey, TensorValue> memo = new HashMap<>();
  private final Set<InstanceKey> active = new HashSet<>();
  private final LiteralDisplays displays = new LiteralDisplays();
  private final ShapeRules rules = new ShapeRules(this);
  private final DatasetElements datasets;

  private record Site(CGNode node, CallSiteReference site) {}

  public TensorShapes(AnalysedProject project) {
    this.project = project;
    this.datasets = new DatasetElements(project, this);
    for (LibraryCall call : project.builder().libraryCalls()) {
      apis.computeIfAbsent(new Site(call.caller(), call.site()), s -> new HashSet<>()).add(call.api());
    }
  }

  /** The library API whose call made {@code object}, or null (not one call's result). */
  String api(InstanceKey object) {
    if (!(object instanceof LibraryObjectKey l) || !l.isCallResult() || l.creator() == null) return null;
    Set<String> called = apis.get(new Site(l.creator(), l.site()));
    return called != null && called.size() == 1 ? called.iterator().next() : null;
  }

  /**
   * Where {@code object} was made, for a person: the library API that made it ({@code
   * tensorflow.zeros(...)}), a Python operator or a dataset's element; null if none of them.
   */
  String origin(InstanceKey object) {
    String api = api(object);
    if (api != null) return api + "(...)";
    if (!(object instanceof LibraryObjectKey l) || l.isCallResult() || l.creator() == null) return null;
    SSAInstruction[] instructions = l.creator().getIR().getInstructions();
    int at = l.site().getProgramCounter();
    SSAInstruction made = at >= 0 && at < instructions.length ? instructions[at] : null;
    if (made instanceof SSABinaryOpInstruction) return "a Python operator";
    return datasets.elementRead(l) != null ? "an element of a tf.data.Dataset" : null;
  }

  /** What {@code object} is as a tensor or tensor-like Python literal; null if neither. */
  TensorValue of(InstanceKey object) {
    TensorValue known = memo.get(object);
    if (known != null) return known;
    if (active.size() > MAX_DEPTH || !active.add(object)) return TensorValue.UNKNOWN;
    try {
      TensorValue value = compute(object);
      if (value != null) memo.put(object, value);
      return value;
    } finally {
      active.remove(object);
    }
  }

  private TensorValue compute(InstanceKey object) {
    if (object instanceof ConstantKey<?> c) return literal(c.getValue());
    if (object instanceof LibraryObjectKey l && l.creator() != null && l.isCallResult()) {
      String api = api(object);
      PyInvokeInstruction call = invoke(l.creator(), l.site());
      TensorValue made = api == null || call == null ? null : rules.apply(api, new Call(l.creator(), call));
      if (made != null) return made;
    }
    if (object instanceof LibraryObjectKey l && !l.isCallResult() && l.creator() != null) {
      TensorValue made = madeAt(l);
      if (made != null) return made;
    }
    ValueKind kind = ValueKind.of(object);
    if (kind != null && kind.isTensor()) return TensorValue.UNKNOWN;
    if (object instanceof AllocationSiteInNode a) return display(a);
    return null;
  }

  /** A tensor an operator made ({@code x * 2}), or a dataset's element ({@code for x in ds}). */
  private TensorValue madeAt(LibraryObjectKey value) {
    SSAInstruction[] instructions = value.creator().getIR().getInstructions();
    int at = value.site().getProgramCounter();
    SSAInstruction made = at >= 0 && at < instructions.length ? instructions[at] : null;
    if (made instanceof SSABinaryOpInstruction op && value.kind() == ValueKind.TENSOR) {
      return OperatorShapes.binary(op.getOperator(), of(value.creator(), op.getUse(0)), of(value.creator(), op.getUse(1)));
    }
    return value.kind() == ValueKind.TENSOR ? datasets.elementRead(value) : null;
  }

  /** A list or tuple display: its elements, stacked. */
  private TensorValue display(AllocationSiteInNode a) {
    List<Integer> elements = displays.elements(a);
    if (elements == null) return null;
    List<TensorValue> values = new ArrayList<>();
    for (int vn : elements) {
      TensorValue v = of(a.getNode(), vn);
      if (v == null || v.tensor()) return null;  // a list of tensors is tf.stack's business
      values.add(v);
    }
    return TensorValue.stack(values.size(), values);
  }

  /** The value of SSA value {@code vn} in {@code node}: one the objects it may be all share. */
  TensorValue of(CGNode node, int vn) {
    SymbolTable symbols = node.getIR().getSymbolTable();
    if (symbols.isConstant(vn)) return literal(symbols.getConstantValue(vn));
    OrdinalSet<InstanceKey> objects = pointsTo(node, vn);
    // A function tf.data maps gets the elements of the dataset (the analysis passes it nothing).
    if (objects.isEmpty() && vn >= 2 && project.parameterName(node, vn) != null) return datasets.callbackArgument(node, vn - 2);
    return join(objects);
  }

  /** What the objects {@code key} may point to are: one value they all share. */
  TensorValue of(PointerKey key) {
    return join(HeapQueries.pointsTo(project.pointerAnalysis(), key));
  }

  private TensorValue join(OrdinalSet<InstanceKey> objects) {
    TensorValue joined = null;
    for (InstanceKey object : objects) {
      TensorValue v = of(object);
      if (v == null) return null;
      joined = joined == null ? v : TensorValue.join(joined, v);
    }
    return joined;
  }

  /** The Python constant SSA value {@code vn} is (a literal or the one object it points to). */
  Object constant(CGNode node, int vn) {
    SymbolTable symbols = node.getIR().getSymbolTable();
    if (symbols.isConstant(vn)) return symbols.getConstantValue(vn);
    OrdinalSet<InstanceKey> objects = pointsTo(node, vn);
    return objects.size() == 1 && objects.iterator().next() instanceof ConstantKey<?> c ? c.getValue() : null;
  }

  /** The values of a list or tuple display ({@code [a, b]} of {@code tf.concat([a, b], 0)}); null if not one. */
  List<TensorValue> elements(CGNode node, int vn) {
    OrdinalSet<InstanceKey> objects = pointsTo(node, vn);
    if (objects.size() != 1 || !(objects.iterator().next() instanceof AllocationSiteInNode a)) return null;
    List<Integer> elements = displays.elements(a);
    if (elements == null) return null;
    List<TensorValue> out = new ArrayList<>();
    for (int element : elements) out.add(of(a.getNode(), element));
    return out.contains(null) ? null : out;
  }

  /** A list, tuple or int of Python ints (a shape): entries null where not a known int. */
  List<Integer> ints(CGNode node, int vn) {
    SymbolTable symbols = node.getIR().getSymbolTable();
    if (symbols.isConstant(vn)) {
      Integer single = intOf(symbols.getConstantValue(vn));
      return single == null ? null : List.of(single);
    }
    OrdinalSet<InstanceKey> objects = pointsTo(node, vn);
    if (objects.size() != 1) return null;
    InstanceKey object = objects.iterator().next();
    if (object instanceof ConstantKey<?> c) {
      Integer single = intOf(c.getValue());
      return single == null ? null : List.of(single);
    }
    if (!(object instanceof AllocationSiteInNode a)) return null;
    List<Integer> elements = displays.elements(a);
    if (elements == null) return null;
    List<Integer> out = new ArrayList<>();
    for (int element : elements) out.add(intAt(a.getNode(), element));
    return out;
  }

  private Integer intAt(CGNode node, int vn) {
    SymbolTable symbols = node.getIR().getSymbolTable();
    if (symbols.isConstant(vn)) return intOf(symbols.getConstantValue(vn));
    OrdinalSet<InstanceKey> objects = pointsTo(node, vn);
    if (objects.size() == 1 && objects.iterator().next() instanceof ConstantKey<?> c) return intOf(c.getValue());
    // -1 is the negation of the literal 1 in the IR.
    if (node.getDU().getDef(vn) instanceof SSAUnaryOpInstruction neg && neg.getOpcode() == CAstUnaryOp.MINUS
        && symbols.isConstant(neg.getUse(0))) {
      Integer negated = intOf(symbols.getConstantValue(neg.getUse(0)));
      return negated == null ? null : -negated;
    }
    return null;
  }

  /** A dtype argument: {@code tf.float32}, {@code np.int64} or {@code "float32"}; null if unknown. */
  String dtype(CGNode node, int vn) {
    SymbolTable symbols = node.getIR().getSymbolTable();
    if (symbols.isConstant(vn)) {
      return symbols.getConstantValue(vn) instanceof String s ? Dtypes.named(s) : null;
    }
    String found = null;
    for (InstanceKey object : pointsTo(node, vn)) {
      String name = object instanceof LibraryObjectKey l && l.kind() == null ? Dtypes.named(l.path())
          : object instanceof ConstantKey<?> c && c.getValue() instanceof String s ? Dtypes.named(s) : null;
      if (name == null || (found != null && !found.equals(name))) return null;
      found = name;
    }
    return found;
  }

  OrdinalSet<InstanceKey> pointsTo(CGNode node, int vn) {
    return HeapQueries.pointsTo(project.pointerAnalysis(), project.builder().getPointerKeyForLocal(node, vn));
  }

  private static Integer intOf(Object value) {
    return value instanceof Integer i ? i : value instanceof Long l && l == l.intValue() ? (int) (long) l : null;
  }

  /** A Python scalar literal: rank 0, the dtype TensorFlow gives it. */
  private static TensorValue literal(Object value) {
    String dtype = Dtypes.ofPython(value);
    return dtype == null ? null : new TensorValue(List.of(), dtype, false, true);
  }

  static PyInvokeInstruction invoke(CGNode node, CallSiteReference site) {
    IR ir = node.getIR();
    if (ir == null) return null;
    for (SSAAbstractInvokeInstruction i : ir.getCalls(site)) {
      if (i instanceof PyInvokeInstruction p) return p;
    }
    return null;
  }

  /** One library call as the rules read it: its arguments by position or keyword. */
  record Call(CGNode node, PyInvokeInstruction invoke) {
    /** Value number of the argument at {@code position} or named {@code keyword}; -1 if absent. */
    int argument(int position, String keyword) {
      var shape = invoke.getShape();
      int k = keyword == null ? -1 : shape.keywords().indexOf(keyword);
      if (k >= 0) return invoke.getArgument(shape.positional() + k);
      return position >= 0 && position < shape.positional() ? invoke.getArgument(position) : -1;
    }

    int positional() {
      return invoke.getShape().positional();
    }
  }
}
