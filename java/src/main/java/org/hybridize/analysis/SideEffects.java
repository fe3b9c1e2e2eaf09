package org.hybridize.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.loader.AstMethod;
import com.ibm.wala.cast.loader.CAstAbstractModuleLoader.DynamicMethodObject;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.classLoader.NewSiteReference;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.propagation.AbstractFieldPointerKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.LocalPointerKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.modref.ExtendedHeapModel;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.util.collections.Pair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hybridize.wala.cg.ClassAttributeKey;
import org.hybridize.wala.cg.ClosureVariableKey;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.PyModRef;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyNames;

/**
 * Python side effects of each project function, as the published approach defines them: the
 * transitive mod set ({@link PyModRef}, closed over callees as {@code ModRef.computeMod} does) of
 * the function's call-graph nodes, minus what the function owns. It owns the objects and closure
 * frames created only within its closure (its own nodes and every node they transitively call):
 * writing those cannot be seen by its caller; so are the attributes of a class whose every class
 * object is created there (a class defined in the function: each call makes a new one). Module
 * variables, other class attributes, Python I/O and objects of unknown callers are never owned.
 *
 * <p>Each effect is located at a statement that writes it, in the nearest node (breadth-first
 * over callees) that does, with the chain of callees leading there. A statement writing the same
 * location of several objects ({@code self.size = n}, {@code self} made at several sites) is one
 * effect that lists them ({@link EffectGrouping}).
 */
public final class SideEffects {
  /** One location written, at one statement; {@code via} lists the callees leading to it. */
  public record Effect(String file, SourceRange range, String what, List<String> via) {}

  private final AnalysedProject project;
  private final CallGraph cg;
  private final LocationDescriber describer;
  /** Per node, each location it writes itself and the indices of the instructions writing it. */
  private final Map<CGNode, Map<PointerKey, List<Integer>>> writes = new HashMap<>();
  /** Per location, the nodes writing it themselves. */
  private final Map<PointerKey, List<CGNode>> writers = new HashMap<>();
  private final Map<PointerKey, LocationDescriber.Words> descriptions = new HashMap<>();
  private final TransitiveMod transitiveMod;
  /** Per class, the class objects the pointer analysis allocated for it. */
  private final Map<PyClassType, List<InstanceKey>> classObjects = new HashMap<>();

  public SideEffects(AnalysedProject project) {
    this.project = project;
    this.cg = project.callGraph();
    this.describer = new LocationDescriber(project);
    PointerAnalysis<InstanceKey> pa = project.pointerAnalysis();
    PyModRef<InstanceKey> modRef = new PyModRef<>(project.builder());
    ExtendedHeapModel heap = modRef.makeHeapModel(pa);
    Map<CGNode, Collection<PointerKey>> direct = new HashMap<>();
    for (CGNode n : cg) {
      Map<PointerKey, List<Integer>> w = isProjectCode(n) ? scan(n, modRef, heap, pa) : Map.of();
      writes.put(n, w);
      direct.put(n, w.keySet());
      w.keySet().forEach(k -> writers.computeIfAbsent(k, x -> new ArrayList<>()).add(n));
    }
    this.transitiveMod = new TransitiveMod(cg, direct);
    for (InstanceKey k : pa.getInstanceKeys()) {
      if (!(k instanceof InstanceObjectKey) && k.getConcreteType() instanceof PyClassType c) {
        classObjects.computeIfAbsent(c, x -> new ArrayList<>()).add(k);
      }
    }
  }

  private static boolean isProjectCode(CGNode n) {
    return n.getMethod() instanceof DynamicMethodObject && n.getIR() != null;
  }

  private static Map<PointerKey, List<Integer>> scan(
      CGNode n, PyModRef<InstanceKey> modRef, ExtendedHeapModel heap, PointerAnalysis<InstanceKey> pa) {
    Map<PointerKey, List<Integer>> out = new LinkedHashMap<>();
    SSAInstruction[] instructions = n.getIR().getInstructions();
    for (int i = 0; i < instructions.length; i++) {
      if (instructions[i] == null) continue;
      for (PointerKey k : modRef.getMod(n, heap, pa, instructions[i], null)) {
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
    }
    return out;
  }

  /** Every project function (not module body) with a call-graph node, by qualified name. */
  public Map<String, List<Effect>> all() {
    Map<String, List<Effect>> out = new TreeMap<>();
    FunctionClosures.functions(project).forEach((name, nodes) -> out.put(name, of(nodes)));
    return out;
  }


  /** The side effects of a function whose call-graph nodes (one per context) are {@code nodes}. */
  public List<Effect> of(Set<CGNode> nodes) {
    Set<PointerKey> mod = new LinkedHashSet<>();
    for (CGNode n : nodes) transitiveMod.forEach(n, mod::add);
    mod.removeIf(k -> k instanceof LocalPointerKey);
    // Nothing but locals: no closure walk (one per function is quadratic on a chain of calls).
    if (mod.isEmpty()) return List.of();
    Map<CGNode, CGNode> caller = FunctionClosures.reachable(cg, nodes);
    mod.removeIf(k -> isOwned(k, caller.keySet()));
    Map<CGNode, Integer> order = new HashMap<>();
    for (CGNode n : caller.keySet()) order.put(n, order.size());
    List<EffectGrouping.Write> writes = new ArrayList<>();
    for (PointerKey k : mod) locate(k, caller, order, writes);
    return EffectGrouping.group(writes);
  }

  private boolean isOwned(PointerKey key, Set<CGNode> closure) {
    if (key instanceof LocalPointerKey) return true;
    if (key instanceof ClosureVariableKey v) return closure.contains(v.definingNode());
    if (key instanceof AbstractFieldPointerKey f) return createdWithin(f.getInstanceKey(), closure);
    if (key instanceof ClassAttributeKey c) {
      List<InstanceKey> objects = classObjects.getOrDefault(c.owner(), List.of());
      return !objects.isEmpty() && objects.stream().allMatch(o -> createdWithin(o, closure));
    }
    return false;
  }

  /** An object with no known creation site (a library module) is never owned. */
  private boolean createdWithin(InstanceKey object, Set<CGNode> closure) {
    Iterator<Pair<CGNode, NewSiteReference>> sites = object.getCreationSites(cg);
    if (!sites.hasNext()) return false;
    while (sites.hasNext()) {
      if (!closure.contains(sites.next().fst)) return false;
    }
    return true;
  }

  /**
   * The statements writing {@code key} in the nearest node (first in breadth-first {@code order})
   * of the closure that writes it.
   */
  private void locate(
      PointerKey key, Map<CGNode, CGNode> caller, Map<CGNode, Integer> order, List<EffectGrouping.Write> out) {
    CGNode nearest = null;
    for (CGNode n : writers.getOrDefault(key, List.of())) {
      Integer at = order.get(n);
      if (at != null && (nearest == null || at < order.get(nearest))) nearest = n;
    }
    if (nearest == null) return;
    LocationDescriber.Words what = descriptions.computeIfAbsent(key, describer::describe);
    List<String> via = FunctionClosures.via(project, nearest, caller);
    String file = PyNames.fileOf(nearest.getMethod().getDeclaringClass().getName().toString());
    for (int i : writes.get(nearest).get(key)) {
      out.add(new EffectGrouping.Write(file, SourceRange.of(position(nearest, i)), via, what));
    }
  }

  private static Position position(CGNode n, int instructionIndex) {
    return n.getMethod() instanceof AstMethod m ? m.getSourcePosition(instructionIndex) : null;
  }

  /**
   * {@code {qualified_name: [{"file", "line", "column", "end_line", "end_column", "what", "via":
   * [...]}]}} (the range is the writing statement's, {@link SourceRange}).
   */
  public static JsonObject toJson(Map<String, List<Effect>> effects) {
    return FactsJson.byFunction(effects, e -> {
      JsonObject o = new JsonObject();
      o.addProperty("file", e.file());
      e.range().addTo(o);
      o.addProperty("what", e.what());
      JsonArray via = new JsonArray();
      e.via().forEach(via::add);
      o.add("via", via);
      return o;
    });
  }
}
