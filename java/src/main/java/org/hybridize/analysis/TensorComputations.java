package org.hybridize.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.loader.CAstAbstractModuleLoader.DynamicMethodObject;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.ir.PyNames;

/**
 * Where each project function computes a tensor in its own code: the tensors and variables the
 * pointer analysis allocates at its instructions (a TensorFlow call's result, an operator on a
 * tensor, a Keras layer's output, a tensor's element). NumPy values are not TensorFlow
 * computation, even where the model types them as tensors. A function whose traced call would
 * compute none gains nothing from a graph.
 */
public final class TensorComputations {
  private TensorComputations() {}

  /**
   * {@code {qualified_name: [{"file", "line", "column", "end_line", "end_column", "what": the API
   * or type made}]}}, one per line (the first computation's {@link SourceRange}).
   */
  public static JsonObject toJson(AnalysedProject project) {
    Map<String, Map<Integer, JsonObject>> byFunction = new TreeMap<>();
    for (InstanceKey object : project.pointerAnalysis().getInstanceKeys()) {
      if (!(object instanceof LibraryObjectKey l) || l.kind() == null || !l.kind().isTensor()) continue;
      CGNode creator = l.creator();
      if (creator == null || !(creator.getMethod() instanceof DynamicMethodObject) || l.path().startsWith("numpy.")) {
        continue;
      }
      String function = project.qualifiedName(creator);
      SourceRange range = l.site() == null ? SourceRange.UNKNOWN : SourceRange.at(creator, l.site().getProgramCounter());
      int line = range.line();
      JsonObject o = new JsonObject();
      o.addProperty("file", PyNames.fileOf(creator.getMethod().getDeclaringClass().getName().toString()));
      range.addTo(o);
      o.addProperty("what", l.path());
      byFunction.computeIfAbsent(function, k -> new TreeMap<>()).putIfAbsent(line, o);
    }
    JsonObject out = new JsonObject();
    byFunction.forEach((name, lines) -> {
      JsonArray array = new JsonArray();
      new LinkedHashMap<>(lines).values().forEach(array::add);
      out.add(name, array);
    });
    return out;
  }
}
