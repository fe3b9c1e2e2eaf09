package org.hybridize.analysis;

import com.google.gson.annotations.SerializedName;
import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ssa.IR;
import com.ibm.wala.ssa.ISSABasicBlock;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SymbolTable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyModRef;
import org.hybridize.wala.cg.ValueKind;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyNames;

/**
 * Where project code iterates a value the pointer analysis types as a tensor, in Python: a
 * {@code for} statement, a comprehension, or an unpacking assignment ({@code a, b = t}). The
 * front end names the element read of a {@code for} and of a comprehension apart ({@link
 * PyJsonToCAst#FOR_ELEMENTS}, {@link PyJsonToCAst#COMPREHENSION_ELEMENTS}); an unpacking reads
 * positions. For a {@code for}, what its body does matters too (AutoGraph turns the loop into a
 * graph loop, whose tensors a Python list cannot keep): the calls in the loop (its natural loop
 * in the CFG) that add to a builtin list or dict.
 */
public final class TensorIterations {
  /** Container methods that keep what they are given. */
  private static final Set<String> COLLECTING = Set.of("append", "extend", "insert", "add", "update", "setdefault");

  /** Where code is: its file and {@link SourceRange} ({@code line} 0 and no columns when unknown). */
  public record Place(String file, int line, Integer column,
      @SerializedName("end_line") Integer endLine, @SerializedName("end_column") Integer endColumn) {
    static Place of(CGNode node, int pc) {
      SourceRange r = SourceRange.at(node, pc);
      boolean columns = r.hasColumns();
      return new Place(fileOf(node), r.line(), columns ? r.column() : null,
          columns ? r.endLine() : null, columns ? r.endColumn() : null);
    }
  }

  /** One iteration: where (the element read: the for's target, the comprehension, the
   * unpacking), how ("for", "comprehension", "unpacking"), and, for a for, the calls in its body
   * that add to a Python container. */
  public record Iteration(Place place, String construct, Set<Place> collects) {}

  private final AnalysedProject project;

  public TensorIterations(AnalysedProject project) {
    this.project = project;
  }

  /** Iterations of tensors per project function (qualified name), in IR order. */
  public Map<String, Set<Iteration>> all() {
    Map<String, Set<Iteration>> found = new LinkedHashMap<>();
    if (project.pointerAnalysis() == null) return found;
    for (CGNode node : project.callGraph()) {
      String function = project.qualifiedName(node);
      IR ir = node.getIR();
      if (function == null || ir == null) continue;
      for (SSAInstruction instruction : ir.getInstructions()) {
        // null: a slot of the instruction array no instruction fills.
        if (instruction instanceof AstPropertyRead read && iteratesTensor(node, read)) {
          String construct = construct(ir.getSymbolTable(), read);
          Set<Place> collects = construct.equals("for") ? collectingCalls(node, read) : Set.of();
          Iteration iteration = new Iteration(Place.of(node, read.iIndex()), construct, collects);
          found.computeIfAbsent(function, f -> new LinkedHashSet<>()).add(iteration);
        }
      }
    }
    return found;
  }

  private boolean iteratesTensor(CGNode node, AstPropertyRead read) {
    if (construct(node.getIR().getSymbolTable(), read) == null) return false;
    for (InstanceKey object : pointsTo(node, read.getObjectRef())) {
      ValueKind kind = ValueKind.of(object);
      if (kind != null && kind.isTensor()) return true;
    }
    return false;
  }

  /** "for", "comprehension" or "unpacking" for an element read that iterates; else null. */
  private static String construct(SymbolTable symbols, AstPropertyRead read) {
    int member = read.getMemberRef();
    if (!symbols.isStringConstant(member)) return null;
    String name = (String) symbols.getConstantValue(member);
    if (name.equals(PyJsonToCAst.FOR_ELEMENTS)) return "for";
    if (name.equals(PyJsonToCAst.COMPREHENSION_ELEMENTS)) return "comprehension";
    return PyJsonToCAst.positionOf(name) >= 0 ? "unpacking" : null;
  }

  /** Calls in the innermost loop around {@code read} that add to a builtin list, dict or set. */
  private Set<Place> collectingCalls(CGNode node, AstPropertyRead read) {
    IR ir = node.getIR();
    Set<Place> calls = new LinkedHashSet<>();
    for (ISSABasicBlock block : new NaturalLoops(ir.getControlFlowGraph()).innermost(ir.getBasicBlockForInstruction(read))) {
      for (SSAInstruction instruction : block) {
        if (instruction instanceof PyInvokeInstruction invoke && addsToContainer(node, invoke)) {
          calls.add(Place.of(node, invoke.iIndex()));
        }
      }
    }
    return calls;
  }

  private boolean addsToContainer(CGNode node, PyInvokeInstruction invoke) {
    if (!(node.getDU().getDef(invoke.getFunction()) instanceof AstPropertyRead method)) return false;
    SymbolTable symbols = node.getIR().getSymbolTable();
    if (!symbols.isStringConstant(method.getMemberRef())
        || !COLLECTING.contains((String) symbols.getConstantValue(method.getMemberRef()))) {
      return false;
    }
    for (InstanceKey receiver : pointsTo(node, method.getObjectRef())) {
      if (PyModRef.isBuiltinContainer(receiver)) return true;
    }
    return false;
  }

  private Iterable<InstanceKey> pointsTo(CGNode node, int vn) {
    return HeapQueries.pointsTo(project.pointerAnalysis(), project.builder().getPointerKeyForLocal(node, vn));
  }

  private static String fileOf(CGNode node) {
    return PyNames.fileOf(node.getMethod().getDeclaringClass().getName().toString());
  }
}
