package org.hybridize.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hybridize.wala.cg.ArgumentBinding;
import org.hybridize.wala.cg.ValueKind;
import org.hybridize.wala.ir.PyTypes;

/**
 * Per parameter of each project function, the {@code tf.TensorSpec} that accepts every tensor
 * its call sites pass (the pointer analysis's objects, shaped by {@link TensorShapes}): axes
 * that differ between call sites are unknown (None); or, when no spec can, the reason. Each
 * parameter lists the tensors that decided it ({@code sources}), so a person sees where each
 * axis and dtype came from.
 */
public final class InputSignatures {
  private final AnalysedProject project;
  private final TensorShapes shapes;
  private final StaticAxisReads axisReads;
  private final java.util.Set<InstanceKey> symbolic;

  public InputSignatures(AnalysedProject project) {
    this.project = project;
    this.shapes = new TensorShapes(project);
    this.axisReads = new StaticAxisReads(project);
    this.symbolic = new KerasSymbolicValues(project).all();
  }

  /** One parameter's join over its call sites. */
  private static final class Parameter {
    java.util.List<Integer> dims;
    String dtype;
    String reason;
    boolean seen;
    final Set<JsonObject> sources = new LinkedHashSet<>();
    /** Where the body reads axes as Python values ({@link StaticAxisReads}). */
    final Set<JsonObject> axisReads = new LinkedHashSet<>();

    void fail(String why) {
      if (reason == null) reason = why;
    }

    void join(TensorValue v) {
      if (!seen) {
        dims = v.dims();
        dtype = v.dtype();
        seen = true;
        return;
      }
      if (dims != null && v.dims() != null && dims.size() != v.dims().size()) {
        fail("call sites pass tensors of rank " + dims.size() + " and " + v.dims().size());
      }
      if (!Objects.equals(dtype, v.dtype())) {
        fail("call sites pass " + dtype + " and " + v.dtype() + " tensors; one TensorSpec has one dtype");
      }
      dims = TensorValue.joinDims(dims, v.dims());
    }
  }

  /**
   * {@code {qualified_name: {parameter: {"shape": [int|null]|null, "dtype": str|null,
   * "reason": str|null, "sources": [{"file", "line", "column", "end_line", "end_column", "api", "shape",
   * "dtype"}], "axis_reads": [{"axis": int|null, "file", "line", "what"}]}}}} (a source's range is
   * its allocation's {@link SourceRange}).
   */
  public JsonObject toJson() {
    Map<String, Map<String, Parameter>> out = new LinkedHashMap<>();
    for (CGNode node : project.callGraph()) {
      String function = functionName(node);
      if (function == null) continue;
      Map<String, Parameter> params = out.computeIfAbsent(function, f -> new LinkedHashMap<>());
      for (int vn = 2; project.parameterName(node, vn) != null; vn++) {
        Parameter parameter = params.computeIfAbsent(project.parameterName(node, vn), p -> new Parameter());
        axisReads.of(node, vn).forEach(r -> parameter.axisReads.add(r.getAsJsonObject()));
      }
    }
    for (ArgumentBinding binding : project.builder().argumentBindings()) {
      String function = functionName(binding.callee());
      String name = project.parameterName(binding.callee(), binding.formal() + 2);
      if (function == null || name == null) continue;
      Parameter parameter = out.get(function).computeIfAbsent(name, p -> new Parameter());
      bind(parameter, name, binding);
    }
    JsonObject json = new JsonObject();
    out.forEach((function, params) -> {
      JsonObject p = new JsonObject();
      params.forEach((name, parameter) -> p.add(name, toJson(name, parameter)));
      json.add(function, p);
    });
    return json;
  }

  private void bind(Parameter parameter, String name, ArgumentBinding binding) {
    if (binding.passing() != ArgumentBinding.Passing.DIRECT) {
      parameter.fail("`" + name + "` takes " + (binding.passing() == ArgumentBinding.Passing.PACKED
          ? "packed *args or **kwargs" : "arguments a call site unpacks") + ", which a TensorSpec cannot describe");
      return;
    }
    PointerKey argument = binding.actual();
    for (InstanceKey object : HeapQueries.pointsTo(project.pointerAnalysis(), argument)) {
      ValueKind kind = ValueKind.of(object);
      if (object instanceof ConstantKey<?> c && c.getValue() == null) {
        parameter.fail("a call site passes None to `" + name + "`");
        continue;
      }
      if (kind == ValueKind.VARIABLE) {
        // A TensorSpec turns the variable into a read-only tensor: assign() inside raises.
        parameter.fail("a call site passes `" + name + "` a tf.Variable, which a TensorSpec would turn "
            + "into a read-only tensor");
        continue;
      }
      if (symbolic.contains(object)) {
        // tf.function refuses a KerasTensor whatever its spec; the source still shows its shape.
        JsonObject source = source(object, shapes.of(object));
        parameter.sources.add(source);
        TensorValue value = shapes.of(object);
        parameter.fail("a call site passes `" + name + "` a symbolic Keras tensor (" + where(source) + ": "
            + TensorValue.text(value) + "), which tf.function cannot trace");
        continue;
      }
      if (kind == null || !kind.isTensor()) {
        parameter.fail("a call site passes `" + name + "` " + (kind == null ? "a value that is not a tensor"
            : "a " + kind.modelName() + ", not a tensor"));
        continue;
      }
      TensorValue value = shapes.of(object);
      JsonObject source = source(object, value);
      parameter.sources.add(source);
      String composite = compositeKind(shapes.api(object));
      if (composite != null) {
        parameter.fail(where(source) + " passes `" + name + "` a " + composite + ", which a tf.TensorSpec cannot describe");
        continue;
      }
      if (value == null || !value.knownRank()) {
        parameter.fail("the rank of what " + where(source) + " passes to `" + name + "` is unknown");
      } else if (value.dtype() == null) {
        parameter.fail("the dtype of what " + where(source) + " passes to `" + name + "` is unknown");
      }
      if (value != null) parameter.join(value);
    }
  }

  private JsonObject source(InstanceKey object, TensorValue value) {
    JsonObject d = ObjectDescriber.describe(object, project.callGraph());
    JsonObject s = new JsonObject();
    for (String key : ObjectDescriber.SITE_KEYS) {
      if (d.has(key)) s.add(key, d.get(key));
    }
    String origin = shapes.origin(object);
    s.addProperty("api", origin != null ? origin : "a library value");
    s.add("shape", TensorValue.dimsJson(value == null ? null : value.dims()));
    s.addProperty("dtype", value == null ? null : value.dtype());
    return s;
  }

  /** The composite tensors a TensorSpec rejects (they need their own spec classes); null for a tensor. */
  private static String compositeKind(String api) {
    if (api == null) return null;
    if (api.startsWith("tensorflow.ragged.")) return "tf.RaggedTensor";
    if (api.startsWith("tensorflow.sparse.") || api.equals("tensorflow.SparseTensor")) return "tf.SparseTensor";
    return null;
  }

  private static String where(JsonObject source) {
    String api = source.get("api").getAsString();
    return source.has("line") ? api + " (line " + source.get("line").getAsInt() + ")" : api;
  }

  private static JsonObject toJson(String name, Parameter parameter) {
    JsonObject p = new JsonObject();
    String reason = parameter.reason;
    if (reason == null && !parameter.seen) reason = "no call site passes `" + name + "` a tensor";
    p.add("shape", TensorValue.dimsJson(reason == null ? parameter.dims : null));
    p.addProperty("dtype", reason == null ? parameter.dtype : null);
    p.addProperty("reason", reason);
    JsonArray sources = new JsonArray();
    parameter.sources.forEach(sources::add);
    p.add("sources", sources);
    JsonArray reads = new JsonArray();
    parameter.axisReads.forEach(reads::add);
    p.add("axis_reads", reads);
    return p;
  }

  /** The qualified name of a project function's node; null for modules and the analysis root. */
  private String functionName(CGNode node) {
    var superclass = node.getMethod().getDeclaringClass().getSuperclass();
    boolean module = superclass != null && superclass.getReference().equals(PyTypes.SCRIPT);
    return module ? null : project.qualifiedName(node);
  }
}
