package org.hybridize.engine;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.cast.types.AstMethodReference;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hybridize.analysis.ArgumentKinds;
import org.hybridize.analysis.ArgumentKinds.Arguments;
import org.hybridize.analysis.SourceRange;
import org.hybridize.wala.cg.FrameworkFamily;
import org.hybridize.wala.cast.PyEntities.FunctionEntity;
import org.hybridize.wala.cast.TranslationIssue;
import org.hybridize.wala.cg.PyCallGraphBuilder.ImplicitCall;
import org.hybridize.wala.cg.PyCallGraphBuilder.LibraryCall;
import org.hybridize.wala.ir.PyNames;
import org.hybridize.wala.ir.PyTypes;

/**
 * Renders the engine's results (functions, call edges with the argument kinds of library calls,
 * errors) as the JSON Python reads.
 */
final class ResultReport {
  private static final Gson GSON = new Gson();
  private final PythonProjectEngine engine;
  /** The argument kinds of each library edge ({@link ArgumentKinds}). */
  private final Map<Edge, Arguments> libraryArguments = new HashMap<>();

  ResultReport(PythonProjectEngine engine) {
    this.engine = engine;
  }

  /**
   * The result document, {"functions", "edges", "errors", "timing"}, streamed to text without an
   * intermediate tree. {@code timing} gains "result_extract": the seconds spent walking the call
   * graph for its edges, which is analysis work rather than the cost of crossing the bridge.
   */
  String render(JsonObject timing) {
    long began = System.nanoTime();
    Set<Edge> edges = edges();
    timing.addProperty("result_extract", (System.nanoTime() - began) / 1e9);
    StringWriter text = new StringWriter(1 << 16);
    try (JsonWriter out = new JsonWriter(text)) {
      out.beginObject();
      out.name("functions");
      writeFunctions(out);
      out.name("edges").beginArray();
      for (Edge e : edges) {
        out.beginObject();
        out.name("caller").value(e.caller());
        out.name("callee").value(e.callee());
        out.name("file").value(e.file());
        e.range().writeTo(out);
        if (e.receiver() != null) out.name("receiver").value(e.receiver());
        Arguments arguments = libraryArguments.get(e);
        if (arguments != null && !arguments.isEmpty()) writeArguments(out, arguments);
        out.endObject();
      }
      out.endArray();
      out.name("errors").beginArray();
      for (TranslationIssue i : engine.issues()) {
        out.beginObject();
        out.name("file").value(i.file());
        out.name("line").value(i.line());
        out.name("message").value(i.message());
        out.name("module_lost").value(i.moduleLost());
        out.endObject();
      }
      out.endArray();
      out.name("timing");
      GSON.toJson(timing, out);
      out.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  private void writeFunctions(JsonWriter out) throws IOException {
    FrameworkFamily families = new FrameworkFamily(engine.loader(), engine.builder().libraryModel());
    out.beginArray();
    for (IClass c : engine.loader().codeBodies()) {
      String typeName = c.getName().toString();
      IMethod m = c.getMethod(AstMethodReference.fnSelector);
      FunctionEntity entity = PythonProjectEngine.functionEntity(m);
      Position p = entity != null ? entity.getPosition() : null;
      out.beginObject();
      out.name("qualified_name").value(PyNames.qualifiedName(typeName));
      out.name("kind").value(c.getSuperclass().getReference().equals(PyTypes.SCRIPT) ? "module" : "function");
      out.name("file").value(PyNames.fileOf(typeName));
      out.name("line").value(p != null ? p.getFirstLine() : 1);
      out.name("col").value(p != null ? p.getFirstCol() : 0);
      String family = families.of(typeName);
      if (family != null) out.name("framework").value(family);
      out.name("params").beginArray();
      if (entity != null) {
        String[] names = entity.getArgumentNames();
        for (int i = 1; i < names.length; i++) {
          Position pp = entity.getPosition(i);
          out.beginObject();
          out.name("name").value(names[i]);
          out.name("line").value(pp != null ? pp.getFirstLine() : 0);
          out.name("col").value(pp != null ? pp.getFirstCol() : 0);
          out.endObject();
        }
      }
      out.endArray();
      out.endObject();
    }
    out.endArray();
  }

  private Set<Edge> edges() {
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
    ArgumentKinds kinds = engine.pointerAnalysis() == null ? null : new ArgumentKinds(engine);
    Set<LibraryCall> seen = new HashSet<>();
    for (LibraryCall call : engine.builder().libraryCalls()) {
      String caller = engine.qualifiedName(call.caller());
      if (caller == null || !seen.add(call)) continue;
      Edge e = edge(call.caller(), caller, call.api(), call.site());
      String receiver = call.receiver() == null ? null : call.receiver().modelName();
      Edge library = new Edge(e.caller(), e.callee(), e.file(), e.range(), receiver);
      edges.add(library);
      // Every context of the call adds its kinds.
      if (kinds != null) libraryArguments.computeIfAbsent(library, k -> Arguments.none()).merge(kinds.of(call));
    }
    return edges;
  }

  /**
   * {@code "arguments": [[kinds of argument 0], ...], "keywords": {name: [kinds]}}, each kind as
   * {@link ArgumentKinds.Kind#writeTo} writes it.
   */
  private static void writeArguments(JsonWriter out, Arguments arguments) throws IOException {
    out.name("arguments").beginArray();
    for (Set<ArgumentKinds.Kind> kinds : arguments.positional()) writeKinds(out, kinds);
    out.endArray();
    if (arguments.keywords().isEmpty()) return;
    out.name("keywords").beginObject();
    for (Map.Entry<String, Set<ArgumentKinds.Kind>> keyword : arguments.keywords().entrySet()) {
      out.name(keyword.getKey());
      writeKinds(out, keyword.getValue());
    }
    out.endObject();
  }

  private static void writeKinds(JsonWriter out, Set<ArgumentKinds.Kind> kinds) throws IOException {
    out.beginArray();
    for (ArgumentKinds.Kind kind : kinds) kind.writeTo(out);
    out.endArray();
  }

  /**
   * One call, located at its call expression. {@code receiver}: for a library method of a typed
   * value, the value's kind (else null).
   */
  private record Edge(String caller, String callee, String file, SourceRange range, String receiver) {}

  private static Edge edge(CGNode node, String caller, String callee, CallSiteReference site) {
    String file = PyNames.fileOf(node.getMethod().getDeclaringClass().getName().toString());
    return new Edge(caller, callee, file, SourceRange.at(node, site.getProgramCounter()), null);
  }
}
