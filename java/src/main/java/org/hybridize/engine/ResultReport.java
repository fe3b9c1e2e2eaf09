package org.hybridize.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.loader.AstMethod;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.cast.types.AstMethodReference;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hybridize.wala.cast.PyEntities.FunctionEntity;
import org.hybridize.wala.cast.TranslationIssue;
import org.hybridize.wala.cg.PyCallGraphBuilder.ImplicitCall;
import org.hybridize.wala.cg.PyCallGraphBuilder.LibraryCall;
import org.hybridize.wala.ir.PyNames;
import org.hybridize.wala.ir.PyTypes;

/** Renders the engine's results (functions, call edges, errors) as the JSON Python reads. */
final class ResultReport {
  private final PythonProjectEngine engine;

  ResultReport(PythonProjectEngine engine) {
    this.engine = engine;
  }

  JsonObject toJson() {
    JsonObject out = new JsonObject();
    out.add("functions", functions());
    out.add("edges", edges());
    JsonArray errors = new JsonArray();
    for (TranslationIssue i : engine.issues()) {
      JsonObject e = new JsonObject();
      e.addProperty("file", i.file());
      e.addProperty("line", i.line());
      e.addProperty("message", i.message());
      e.addProperty("module_lost", i.moduleLost());
      errors.add(e);
    }
    out.add("errors", errors);
    return out;
  }

  private JsonArray functions() {
    JsonArray out = new JsonArray();
    for (IClass c : engine.loader().codeBodies()) {
      String typeName = c.getName().toString();
      IMethod m = c.getMethod(AstMethodReference.fnSelector);
      JsonObject f = new JsonObject();
      f.addProperty("qualified_name", PyNames.qualifiedName(typeName));
      f.addProperty("kind", c.getSuperclass().getReference().equals(PyTypes.SCRIPT) ? "module" : "function");
      f.addProperty("file", PyNames.fileOf(typeName));
      FunctionEntity entity = PythonProjectEngine.functionEntity(m);
      Position p = entity != null ? entity.getPosition() : null;
      f.addProperty("line", p != null ? p.getFirstLine() : 1);
      f.addProperty("col", p != null ? p.getFirstCol() : 0);
      JsonArray params = new JsonArray();
      if (entity != null) {
        String[] names = entity.getArgumentNames();
        for (int i = 1; i < names.length; i++) {
          Position pp = entity.getPosition(i);
          JsonObject param = new JsonObject();
          param.addProperty("name", names[i]);
          param.addProperty("line", pp != null ? pp.getFirstLine() : 0);
          param.addProperty("col", pp != null ? pp.getFirstCol() : 0);
          params.add(param);
        }
      }
      f.add("params", params);
      out.add(f);
    }
    return out;
  }

  private JsonArray edges() {
    CallGraph cg = engine.callGraph();
    // Deduplicated as records: JsonObject hashes poorly (a sum over its entries) and slowly.
    Set<Edge> edges = new LinkedHashSet<>();
    // Each function has a node per context and many callers: name each method once.
    Map<IMethod, Optional<String>> names = new HashMap<>();
    Function<CGNode, String> nameOf =
        n -> names.computeIfAbsent(n.getMethod(), m -> Optional.ofNullable(engine.qualifiedName(n))).orElse(null);
    for (CGNode node : cg) {
      String caller = nameOf.apply(node);
      if (caller == null) continue;
      // Successors, not IR call sites: property getters are called from synthetic sites.
      for (Iterator<CGNode> targets = cg.getSuccNodes(node); targets.hasNext(); ) {
        CGNode target = targets.next();
        String callee = nameOf.apply(target);
        if (callee == null) continue;
        for (Iterator<CallSiteReference> sites = cg.getPossibleSites(node, target); sites.hasNext(); ) {
          edges.add(edge(node, caller, callee, sites.next()));
        }
      }
    }
    for (ImplicitCall call : engine.builder().implicitCalls()) {
      String caller = engine.qualifiedName(call.caller());
      String callee = engine.qualifiedName(call.callee());
      if (caller != null && callee != null) edges.add(edge(call.caller(), caller, callee, call.site()));
    }
    for (LibraryCall call : engine.builder().libraryCalls()) {
      String caller = engine.qualifiedName(call.caller());
      if (caller != null) edges.add(edge(call.caller(), caller, call.api(), call.site()));
    }
    JsonArray out = new JsonArray(edges.size());
    for (Edge edge : edges) {
      JsonObject e = new JsonObject();
      e.addProperty("caller", edge.caller());
      e.addProperty("callee", edge.callee());
      e.addProperty("file", edge.file());
      e.addProperty("line", edge.line());
      out.add(e);
    }
    return out;
  }

  private record Edge(String caller, String callee, String file, int line) {}

  private static Edge edge(CGNode node, String caller, String callee, CallSiteReference site) {
    String file = PyNames.fileOf(node.getMethod().getDeclaringClass().getName().toString());
    Position p = node.getMethod() instanceof AstMethod m ? m.getSourcePosition(site.getProgramCounter()) : null;
    return new Edge(caller, callee, file, p != null ? p.getFirstLine() : 0);
  }
}
