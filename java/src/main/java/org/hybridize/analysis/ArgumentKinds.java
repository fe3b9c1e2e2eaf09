package org.hybridize.analysis;

import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ssa.IR;
import com.ibm.wala.ssa.SSAAbstractInvokeInstruction;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.util.intset.OrdinalSet;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hybridize.wala.cg.PyCallGraphBuilder.LibraryCall;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.ValueKind;
import org.hybridize.wala.cast.CallShape;
import org.hybridize.wala.ir.PyInvokeInstruction;

/**
 * What each argument of a library call may be, as the pointer analysis types it, so that rules
 * can ask "does a tensor reach this NumPy call?" or "is what is passed as {@code name} a str?".
 *
 * <p>Each argument is a set of {@link Kind}s, one per object it may point to: its {@link
 * ValueKind} ({@code TENSOR_CONTAINER} for a tuple, list or dict holding tensors, {@code NONE},
 * {@code OTHER} for anything else), whether it is a number literal Python treats as false
 * ({@code 0}, {@code 0.0}, {@code False}: TensorFlow tests {@code if name:}, so it acts like None
 * there; strings are never falsy here, as the front end models an f-string as the literal
 * {@code ''}), and for an untyped library object its API path ({@code tensorflow.float32}). An
 * empty set: nothing known.
 */
public final class ArgumentKinds {
  /** Containers are looked into this deep. */
  private static final int MAX_DEPTH = 3;

  private final AnalysedProject engine;

  public ArgumentKinds(AnalysedProject engine) {
    this.engine = engine;
  }

  /**
   * One object an argument may be. {@code libraryPath}: for an untyped library object (kind
   * {@code OTHER}), its API path; else null.
   */
  public record Kind(ValueKind kind, boolean falsy, String libraryPath) implements Comparable<Kind> {
    private static final Comparator<Kind> ORDER =
        Comparator.comparing(Kind::kind)
            .thenComparing(Kind::falsy)
            .thenComparing(Kind::libraryPath, Comparator.nullsFirst(Comparator.naturalOrder()));

    static Kind of(ValueKind kind) {
      return new Kind(kind, false, null);
    }

    @Override
    public int compareTo(Kind other) {
      return ORDER.compare(this, other);
    }

    /** {@code {"kind": model name[, "falsy": true][, "library": path]}}. */
    public void writeTo(JsonWriter out) throws IOException {
      out.beginObject();
      out.name("kind").value(kind.modelName());
      if (falsy) out.name("falsy").value(true);
      if (libraryPath != null) out.name("library").value(libraryPath);
      out.endObject();
    }
  }

  /** The kinds of a call's positional arguments and of its keyword arguments by name. */
  public record Arguments(List<Set<Kind>> positional, Map<String, Set<Kind>> keywords) {
    public static Arguments none() {
      return new Arguments(new ArrayList<>(), new LinkedHashMap<>());
    }

    public boolean isEmpty() {
      return positional.isEmpty() && keywords.isEmpty();
    }

    /** Adds what {@code other} may pass (another context of the same call). */
    public void merge(Arguments other) {
      for (int i = 0; i < other.positional.size(); i++) {
        if (i == positional.size()) positional.add(new TreeSet<>());
        positional.get(i).addAll(other.positional.get(i));
      }
      other.keywords.forEach((name, kinds) -> keywords.computeIfAbsent(name, n -> new TreeSet<>()).addAll(kinds));
    }
  }

  /** The argument kinds of one library call (empty when its instruction is not found). */
  public Arguments of(LibraryCall call) {
    Arguments arguments = Arguments.none();
    PyInvokeInstruction invoke = instruction(call.caller(), call);
    if (invoke == null) return arguments;
    CallShape shape = invoke.getShape();
    for (int i = 0; i < shape.positional(); i++) {
      arguments.positional().add(kinds(call.caller(), invoke.getArgument(i)));
    }
    for (int k = 0; k < shape.keywords().size(); k++) {
      arguments.keywords().put(shape.keywords().get(k), kinds(call.caller(), invoke.getArgument(shape.positional() + k)));
    }
    return arguments;
  }

  private static PyInvokeInstruction instruction(CGNode node, LibraryCall call) {
    IR ir = node.getIR();
    if (ir == null) return null;
    for (SSAAbstractInvokeInstruction i : ir.getCalls(call.site())) {
      if (i instanceof PyInvokeInstruction p) return p;
    }
    return null;
  }

  private Set<Kind> kinds(CGNode node, int vn) {
    Set<Kind> kinds = new TreeSet<>();
    // A literal written at the call is in the symbol table, not in a points-to set.
    SymbolTable symbols = node.getIR().getSymbolTable();
    if (symbols.isConstant(vn)) {
      kinds.add(literal(symbols.getConstantValue(vn)));
      return kinds;
    }
    for (InstanceKey object : pointsTo(engine.builder().getPointerKeyForLocal(node, vn))) {
      kinds.add(kind(object));
    }
    return kinds;
  }

  private Kind kind(InstanceKey object) {
    if (object instanceof ConstantKey<?> c) return literal(c.getValue());
    ValueKind kind = ValueKind.of(object);
    if (kind != null && kind != ValueKind.METHOD) return Kind.of(kind);
    if (holdsTensors(object, 0, new HashSet<>())) return Kind.of(ValueKind.TENSOR_CONTAINER);
    if (object instanceof LibraryObjectKey l && l.kind() == null) return new Kind(ValueKind.OTHER, false, l.path());
    return Kind.of(ValueKind.OTHER);
  }

  private static Kind literal(Object value) {
    if (value == null) return Kind.of(ValueKind.NONE);
    ValueKind kind = value instanceof Boolean ? ValueKind.BOOL
        : value instanceof Float || value instanceof Double ? ValueKind.FLOAT
        : value instanceof Number ? ValueKind.INT
        : value instanceof String ? ValueKind.STR
        : ValueKind.OTHER;
    return new Kind(kind, isFalsy(value), null);
  }

  private static boolean isFalsy(Object value) {
    return Boolean.FALSE.equals(value) || (value instanceof Number n && n.doubleValue() == 0.0);
  }

  private boolean holdsTensors(InstanceKey object, int depth, Set<InstanceKey> seen) {
    PointerKey elements = HeapQueries.elements(engine, object);
    if (elements == null || depth >= MAX_DEPTH || !seen.add(object)) return false;
    for (InstanceKey element : pointsTo(elements)) {
      ValueKind kind = ValueKind.of(element);
      if (kind != null && (kind.isTensor() || kind.isTensorList())) return true;
      if (holdsTensors(element, depth + 1, seen)) return true;
    }
    return false;
  }

  private OrdinalSet<InstanceKey> pointsTo(PointerKey key) {
    return HeapQueries.pointsTo(engine.pointerAnalysis(), key);
  }
}
