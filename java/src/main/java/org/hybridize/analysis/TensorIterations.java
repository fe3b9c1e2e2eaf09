package org.hybridize.analysis;

import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.cast.loader.AstMethod;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ssa.IR;
import com.ibm.wala.ssa.ISSABasicBlock;
import com.ibm.wala.ssa.SSACFG;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.util.graph.dominators.Dominators;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
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

  /** One iteration: where, how ("for", "comprehension", "unpacking"), and, for a for, where its
   * body adds to a Python container (each "file:line"). */
  public record Iteration(String file, int line, String construct, Set<String> collects) {}

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
          Set<String> collects = construct.equals("for") ? collectingCalls(node, read) : Set.of();
          Iteration iteration = new Iteration(fileOf(node), line(node, read.iIndex()), construct, collects);
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
  private Set<String> collectingCalls(CGNode node, AstPropertyRead read) {
    IR ir = node.getIR();
    Set<String> calls = new LinkedHashSet<>();
    for (ISSABasicBlock block : innermostLoop(ir.getControlFlowGraph(), ir.getBasicBlockForInstruction(read))) {
      for (SSAInstruction instruction : block) {
        if (instruction instanceof PyInvokeInstruction invoke && addsToContainer(node, invoke)) {
          calls.add(fileOf(node) + ":" + line(node, invoke.iIndex()));
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

  /**
   * The blocks of the smallest natural loop holding {@code block}: for each back edge {@code
   * tail -> header} (the header dominates the tail), the blocks reaching the tail without
   * passing the header. Empty when the block is in no loop.
   */
  private static Set<ISSABasicBlock> innermostLoop(SSACFG cfg, ISSABasicBlock block) {
    Dominators<ISSABasicBlock> dominators = Dominators.make(cfg, cfg.entry());
    Set<ISSABasicBlock> smallest = Set.of();
    for (ISSABasicBlock tail : cfg) {
      for (ISSABasicBlock header : (Iterable<ISSABasicBlock>) () -> cfg.getSuccNodes(tail)) {
        if (!dominators.isDominatedBy(tail, header)) continue;
        Set<ISSABasicBlock> loop = naturalLoop(cfg, header, tail);
        if (loop.contains(block) && (smallest.isEmpty() || loop.size() < smallest.size())) smallest = loop;
      }
    }
    return smallest;
  }

  private static Set<ISSABasicBlock> naturalLoop(SSACFG cfg, ISSABasicBlock header, ISSABasicBlock tail) {
    Set<ISSABasicBlock> loop = new HashSet<>(Set.of(header));
    Deque<ISSABasicBlock> pending = new ArrayDeque<>();
    if (loop.add(tail)) pending.push(tail);
    while (!pending.isEmpty()) {
      ISSABasicBlock current = pending.pop();
      for (ISSABasicBlock predecessor : (Iterable<ISSABasicBlock>) () -> cfg.getPredNodes(current)) {
        if (loop.add(predecessor)) pending.push(predecessor);
      }
    }
    return loop;
  }

  private Iterable<InstanceKey> pointsTo(CGNode node, int vn) {
    return HeapQueries.pointsTo(project.pointerAnalysis(), project.builder().getPointerKeyForLocal(node, vn));
  }

  private static String fileOf(CGNode node) {
    return PyNames.fileOf(node.getMethod().getDeclaringClass().getName().toString());
  }

  private static int line(CGNode node, int pc) {
    Position p = node.getMethod() instanceof AstMethod m ? m.getSourcePosition(pc) : null;
    return p != null ? p.getFirstLine() : 0;
  }
}
