package org.hybridize.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.ir.ssa.AstPropertyWrite;
import com.ibm.wala.cast.loader.AstMethod;
import com.ibm.wala.cast.loader.CAstAbstractModuleLoader.DynamicMethodObject;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.LocalPointerKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.modref.ExtendedHeapModel;
import com.ibm.wala.ssa.ISSABasicBlock;
import com.ibm.wala.ssa.SSACFG;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SSANewInstruction;
import com.ibm.wala.util.graph.traverse.SCCIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hybridize.wala.cg.ClosureVariableKey;
import org.hybridize.wala.cg.PyModRef;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.ir.PyNames;
import org.hybridize.wala.ir.PyTypes;

/**
 * Python state a function reads that the rest of the program changes between its calls. Traced,
 * a read of Python state (a module variable, an attribute, a closure variable, a container's
 * elements) is done once, while tracing, and its value is frozen into the graph; later calls
 * compute with it although the program has changed it meanwhile.
 *
 * <p>Decided from mod-ref ({@link PyModRef}): the ref set of the function's closure (its nodes
 * and every node they call) intersected with the locations code outside that closure changes. A
 * location is changed between calls when it is written by a function outside the closure, by
 * module-level code inside a loop, or by two statements outside the closure (the first binding
 * of a module variable, {@code self.x = ...} in {@code __init__} and a container literal's own
 * elements initialise it; a second statement changes it). Locations holding only TensorFlow
 * state (variables, Keras and TensorFlow objects, datasets) or code (functions, classes,
 * modules) are read at run time or never change, and are left out.
 */
public final class StaleReads {
  /** A read of a location at a statement; {@code via}: the callees leading to it. */
  public record Read(String file, SourceRange range, String what, List<String> via, String changedAt) {}

  /** A write outside the function: where, and whether it may change the location. */
  private record Write(CGNode node, int index, int line, Object statement, boolean initialises) {}

  private final AnalysedProject project;
  private final CallGraph cg;
  private final PointerAnalysis<InstanceKey> pa;
  private final LocationDescriber describer;
  private final ProgramPoints points;
  /** Per project node, each location it reads itself and the instructions reading it. */
  private final Map<CGNode, Map<PointerKey, List<Integer>>> reads = new HashMap<>();
  /** Per location, the project code writing it. */
  private final Map<PointerKey, List<Write>> writes = new HashMap<>();
  private final Map<PointerKey, Boolean> pythonState = new HashMap<>();

  public StaleReads(AnalysedProject project) {
    this.project = project;
    this.cg = project.callGraph();
    this.pa = project.pointerAnalysis();
    this.describer = new LocationDescriber(project);
    this.points = new ProgramPoints();
    PyModRef<InstanceKey> modRef = new PyModRef<>(project.builder());
    ExtendedHeapModel heap = modRef.makeHeapModel(pa);
    for (CGNode n : cg) {
      if (!(n.getMethod() instanceof DynamicMethodObject) || n.getIR() == null) continue;
      Map<PointerKey, List<Integer>> read = new LinkedHashMap<>();
      SSAInstruction[] instructions = n.getIR().getInstructions();
      for (int i = 0; i < instructions.length; i++) {
        SSAInstruction instruction = instructions[i];
        if (instruction == null) continue;
        for (PointerKey k : modRef.getRef(n, heap, pa, instruction, null)) {
          if (!(k instanceof LocalPointerKey)) read.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
        }
        for (PointerKey k : modRef.getMod(n, heap, pa, instruction, null)) {
          writes.computeIfAbsent(k, x -> new ArrayList<>()).add(write(n, i, instruction));
        }
      }
      reads.put(n, read);
    }
  }

  private static Write write(CGNode n, int index, SSAInstruction instruction) {
    int line = ProgramPoints.line(n, index);
    if (instruction instanceof AstPropertyWrite w) {
      int base = w.getObjectRef();
      boolean fresh = n.getDU().getDef(base) instanceof SSANewInstruction;
      boolean self = base == 2 && n.getMethod().getDeclaringClass().getName().toString().endsWith("/__init__");
      // Filling the object just made (a literal, a constructor's self): one statement per object.
      if (fresh || self) return new Write(n, index, line, List.of(n.getMethod(), base), true);
    }
    return new Write(n, index, line, List.of(n.getMethod(), line), false);
  }

  /**
   * Code that binds the location where it lives: module-level code (module variables, class
   * attributes) and the function defining a closure variable. Its statements initialise the
   * location, unless they repeat (module code: a second statement changes it); any other
   * function's write may happen between calls.
   */
  private static boolean binds(CGNode n, PointerKey key) {
    if (key instanceof ClosureVariableKey v) return v.definingNode().equals(n);
    return n.getMethod().getDeclaringClass().getSuperclass().getReference().equals(PyTypes.SCRIPT);
  }

  /** Every project function (not module body) with a call-graph node, by qualified name. */
  public Map<String, List<Read>> all() {
    Map<String, List<Read>> out = new TreeMap<>();
    Set<CGNode> reaching = reachingCandidates();
    FunctionClosures.functions(project).forEach((name, nodes) ->
        out.put(name, nodes.stream().anyMatch(reaching::contains) ? of(nodes) : List.of()));
    return out;
  }

  /**
   * The nodes whose closure holds a read that may be stale for some closure (a location other
   * code changes and holding Python state): one backward walk for the whole program, so that a
   * function reaching none skips its own closure walk (a walk from each function is quadratic
   * on a chain of calls). A write outside a closure is outside the empty one too.
   */
  private Set<CGNode> reachingCandidates() {
    Set<CGNode> found = new HashSet<>();
    Deque<CGNode> work = new ArrayDeque<>();
    reads.forEach((n, keys) -> {
      if (keys.keySet().stream().anyMatch(k -> changedOutside(k, Set.of()) != null && holdsPythonState(k))
          && found.add(n)) work.add(n);
    });
    while (!work.isEmpty()) {
      cg.getPredNodes(work.poll()).forEachRemaining(p -> {
        if (found.add(p)) work.add(p);
      });
    }
    return found;
  }

  /** The stale reads of a function whose call-graph nodes are {@code nodes}, nearest first. */
  public List<Read> of(Set<CGNode> nodes) {
    Map<CGNode, CGNode> caller = FunctionClosures.reachable(cg, nodes);
    Set<PointerKey> seen = new HashSet<>();
    List<Read> out = new ArrayList<>();
    for (CGNode n : caller.keySet()) {
      for (Map.Entry<PointerKey, List<Integer>> e : reads.getOrDefault(n, Map.of()).entrySet()) {
        PointerKey key = e.getKey();
        if (!seen.add(key)) continue; // the nearest read of each location
        String changedAt = changedOutside(key, caller.keySet());
        if (changedAt == null || !holdsPythonState(key)) continue;
        String file = PyNames.fileOf(n.getMethod().getDeclaringClass().getName().toString());
        SourceRange range = SourceRange.at(n, e.getValue().get(0));
        String what = describer.describe(key).text();
        Read read = new Read(file, range, what, FunctionClosures.via(project, n, caller), changedAt);
        if (!out.contains(read)) out.add(read); // one per context of the same code
      }
    }
    return out;
  }

  /**
   * {@code file:line} of a statement outside {@code closure} changing {@code key}, or null: a
   * write by another function, a binding statement in a loop, or a second statement.
   */
  private String changedOutside(PointerKey key, Set<CGNode> closure) {
    Set<Object> statements = new HashSet<>();
    Write later = null;
    for (Write w : writes.getOrDefault(key, List.of())) {
      if (closure.contains(w.node())) continue;
      if (!w.initialises() && (!binds(w.node(), key) || points.inLoop(w.node(), w.index()))) return where(w);
      // The defining function binds its closure variables before the closure can be called.
      if (key instanceof ClosureVariableKey) continue;
      statements.add(w.statement());
      if (later == null || later.initialises() || (!w.initialises() && w.line() > later.line())) later = w;
    }
    return statements.size() >= 2 ? where(later) : null;
  }

  private static String where(Write w) {
    return PyNames.fileOf(w.node().getMethod().getDeclaringClass().getName().toString()) + ":" + w.line();
  }

  /** Whether the location may hold a value tracing freezes (not TensorFlow state, not code). */
  private boolean holdsPythonState(PointerKey key) {
    return pythonState.computeIfAbsent(key, k -> {
      for (InstanceKey object : HeapQueries.pointsTo(pa, k)) if (isPythonState(object)) return true;
      return false;
    });
  }

  private boolean isPythonState(InstanceKey object) {
    JsonObject d = ObjectDescriber.describe(object, cg);
    String kind = d.has("kind") ? d.get("kind").getAsString() : "";
    if (CODE.contains(kind)) return false;
    if (!kind.equals("library")) return true;
    // Untyped: a library call's result (an array) is state, a library module or class is not.
    if (!d.has("value_kind")) return isCallResult(object);
    return !RUNTIME_STATE.contains(d.get("value_kind").getAsString());
  }

  private static boolean isCallResult(InstanceKey object) {
    return object instanceof LibraryObjectKey l && l.isCallResult();
  }

  /** Objects a traced function looks up anew or that never change. */
  private static final Set<String> CODE =
      Set.of("function", "class", "method", "module", "staticmethod", "classmethod", "property", "super");

  /** Library values read when the graph runs, not when it is traced. */
  private static final Set<String> RUNTIME_STATE =
      Set.of("variable", "variable_list", "keras_object", "tf_object", "dataset", "method");

  /**
   * {@code {qualified_name: [{"file", "line", "column", "end_line", "end_column", "what", "via":
   * [...], "changed_at": "file:line"}]}} (the reading code's {@link SourceRange}).
   */
  public static JsonObject toJson(Map<String, List<Read>> all) {
    JsonObject out = new JsonObject();
    all.forEach((name, list) -> {
      JsonArray array = new JsonArray();
      for (Read r : list) {
        JsonObject o = new JsonObject();
        o.addProperty("file", r.file());
        r.range().addTo(o);
        o.addProperty("what", r.what());
        JsonArray via = new JsonArray();
        r.via().forEach(via::add);
        o.add("via", via);
        o.addProperty("changed_at", r.changedAt());
        array.add(o);
      }
      out.add(name, array);
    });
    return out;
  }

  /** Source lines of instructions, and which module-level instructions sit in a loop. */
  static final class ProgramPoints {
    private final Map<CGNode, Set<Integer>> loopBlocks = new HashMap<>();

    static int line(CGNode n, int index) {
      if (!(n.getMethod() instanceof AstMethod m)) return 0;
      Position p = m.getSourcePosition(index);
      return p != null ? p.getFirstLine() : 0;
    }

    boolean inLoop(CGNode n, int index) {
      SSACFG cfg = n.getIR().getControlFlowGraph();
      Set<Integer> looping = loopBlocks.computeIfAbsent(n, x -> blocksInCycles(cfg));
      return looping.contains(cfg.getBlockForInstruction(index).getNumber());
    }

    /** Blocks from which the control flow can come back to themselves. */
    private static Set<Integer> blocksInCycles(SSACFG cfg) {
      Set<Integer> out = new HashSet<>();
      SCCIterator<ISSABasicBlock> sccs = new SCCIterator<>(cfg);
      while (sccs.hasNext()) {
        Set<ISSABasicBlock> component = sccs.next();
        for (ISSABasicBlock block : component) {
          if (component.size() > 1 || cfg.getNormalSuccessors(block).contains(block)) out.add(block.getNumber());
        }
      }
      return out;
    }
  }
}
