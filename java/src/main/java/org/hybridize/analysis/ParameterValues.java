package org.hybridize.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.util.intset.OrdinalSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.ArgumentBinding;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.ValueKind;
import org.hybridize.wala.ir.PyNames;

/**
 * What each call site of the project passes to each parameter of each project function, by the
 * pointer analysis: the objects its argument may point to, classified by {@link ValueKind} (tensors
 * and containers of tensors; Python scalars and containers of them, the retracing hazard), each with
 * its allocation site and the call site passing it.
 *
 * <p>Only call sites count: a parameter's default, which no call site supplies, is not passed,
 * and neither is what the analysis root passes to functions nobody calls. Receivers ({@code
 * self}) are not parameters here.
 */
public final class ParameterValues {
  /** Containers are looked into this deep (nested tuples of tuples ...). */
  private static final int MAX_DEPTH = 3;

  private final AnalysedProject project;
  private final PointerAnalysis<InstanceKey> pa;
  /**
   * What each object classifies as, and its description: asked once per object, not once per
   * call site passing it (on large projects thousands of sites pass the same merged sets).
   */
  private final Map<InstanceKey, Set<ValueKind>> kinds = new HashMap<>();
  /** {@link #classify(InstanceKey, int)} by object and depth (containers are shared widely). */
  private final Map<InstanceKey, Set<ValueKind>[]> held = new HashMap<>();
  private final Map<InstanceKey, JsonObject> descriptions = new HashMap<>();

  public ParameterValues(AnalysedProject project) {
    this.project = project;
    this.pa = project.pointerAnalysis();
  }

  /**
   * {@code {qualified_name: {parameter: [{"kind", "what", "file", "line", "column", "end_line",
   * "end_column", "call": {"caller", "file", "line", "column", "end_line", "end_column"}}]}}} for
   * every project function with a call-graph node (an empty list: no call site passes anything to
   * that parameter). Ranges ({@link SourceRange}): the value's allocation site, the call. A Keras
   * symbolic tensor ({@link KerasSymbolicValues}) also has {@code "symbolic": true}; a library
   * object the API model does not type has {@code "opaque": true}; a value with an allocation
   * site has {@code "repeats"}: whether that site may run more than once ({@link RepeatedCode}).
   * Per parameter, the first few values of each class in source order ({@link PassedSample}).
   */
  public JsonObject toJson() {
    Set<InstanceKey> symbolic = new KerasSymbolicValues(project).all();
    RepeatedCode repeated = new RepeatedCode();
    Map<String, Map<String, PassedSample>> out = new LinkedHashMap<>();
    for (CGNode node : project.callGraph()) {
      String function = functionName(node);
      if (function == null) continue;
      Map<String, PassedSample> params = out.computeIfAbsent(function, f -> new LinkedHashMap<>());
      for (int vn = 2; project.parameterName(node, vn) != null; vn++) {
        params.computeIfAbsent(project.parameterName(node, vn), p -> new PassedSample());
      }
    }
    for (ArgumentBinding binding : project.builder().argumentBindings()) {
      String function = functionName(binding.callee());
      String parameter = project.parameterName(binding.callee(), binding.formal() + 2);
      if (function == null || parameter == null) continue;
      PassedSample values = out.get(function).computeIfAbsent(parameter, p -> new PassedSample());
      Call call = callSite(binding);
      for (InstanceKey object : passed(binding)) {
        JsonObject site = descriptions.computeIfAbsent(object, o -> ObjectDescriber.describe(o, project.callGraph()));
        Boolean repeats = repeated.allocationMayRepeat(object);
        boolean opaque = object instanceof LibraryObjectKey l && l.kind() == null;
        boolean isSymbolic = symbolic.contains(object);
        for (ValueKind kind : classify(object, binding.passing())) {
          String what = describe(object, kind);
          PassedSample.Order order =
              new PassedSample.Order(
                  call.file(), call.range(), call.caller(), text(site, "file"), number(site, "line"),
                  call.file() == null ? number(site, "column") : 0, what);
          PassedSample.ValueClass valueClass = new PassedSample.ValueClass(kind, isSymbolic, opaque, repeats);
          values.add(valueClass, order, () -> value(kind, what, site, repeats, opaque, isSymbolic, call));
        }
      }
    }
    JsonObject json = new JsonObject();
    out.forEach((function, params) -> {
      JsonObject p = new JsonObject();
      params.forEach((name, values) -> p.add(name, values.toJson()));
      json.add(function, p);
    });
    return json;
  }

  /** One passed value as the report's facts have it. */
  private static JsonObject value(
      ValueKind kind, String what, JsonObject site, Boolean repeats, boolean opaque, boolean symbolic, Call call) {
    JsonObject v = new JsonObject();
    v.addProperty("kind", kind.modelName());
    v.addProperty("what", what);
    // Where the value was made: file and range as ObjectDescriber has them.
    for (String key : ObjectDescriber.SITE_KEYS) {
      if (site.has(key)) v.add(key, site.get(key));
    }
    if (repeats != null) v.addProperty("repeats", repeats);
    if (opaque) v.addProperty("opaque", true);
    if (symbolic) v.addProperty("symbolic", true);
    v.add("call", call.json());
    return v;
  }

  private static String text(JsonObject o, String key) {
    return o.has(key) ? o.get(key).getAsString() : null;
  }

  private static int number(JsonObject o, String key) {
    return o.has(key) ? o.get(key).getAsInt() : 0;
  }

  /** The qualified name of a project function's node; null for modules and the analysis root. */
  private String functionName(CGNode node) {
    return RepeatedCode.isModule(node) ? null : project.qualifiedName(node);
  }

  private static String typeName(CGNode node) {
    return node.getMethod().getDeclaringClass().getName().toString();
  }

  /** The objects the argument of a binding passes: its own, or its elements when unpacked. */
  private Set<InstanceKey> passed(ArgumentBinding binding) {
    Set<InstanceKey> objects = new LinkedHashSet<>();
    PointerKey argument = binding.actual();
    for (InstanceKey object : pointsTo(argument)) {
      if (binding.passing() == ArgumentBinding.Passing.UNPACKED) {
        PointerKey elements = elements(object);
        if (elements != null) pointsTo(elements).forEach(objects::add);
      } else {
        objects.add(object);
      }
    }
    return objects;
  }

  private OrdinalSet<InstanceKey> pointsTo(PointerKey key) {
    return HeapQueries.pointsTo(pa, key);
  }

  private Set<ValueKind> classify(InstanceKey object, ArgumentBinding.Passing passing) {
    Set<ValueKind> kinds = this.kinds.computeIfAbsent(object, o -> classify(o, 0));
    if (passing != ArgumentBinding.Passing.PACKED) return kinds;
    // Packed into *args or **kwargs: the parameter is a container of what was passed.
    Set<ValueKind> packed = EnumSet.noneOf(ValueKind.class);
    for (ValueKind k : kinds) {
      if (k.isTensorLike()) packed.add(ValueKind.TENSOR_CONTAINER);
      else if (k.isPrimitiveLike()) packed.add(ValueKind.PRIMITIVE_CONTAINER);
      else if (k.isBooleanLike()) packed.add(ValueKind.BOOL_CONTAINER);
      else packed.add(ValueKind.OTHER);
    }
    return packed;
  }

  /**
   * What {@code object} is, looking {@code MAX_DEPTH - depth} levels into containers. Memoised
   * by object and depth: on large projects the same merged containers (hundreds of elements)
   * are reached from thousands of others, and an unmemoised walk took minutes (OpenNMT-tf).
   */
  @SuppressWarnings("unchecked")
  private Set<ValueKind> classify(InstanceKey object, int depth) {
    Set<ValueKind>[] byDepth = held.computeIfAbsent(object, o -> new Set[MAX_DEPTH + 1]);
    if (byDepth[depth] == null) byDepth[depth] = classifyOnce(object, depth);
    return byDepth[depth];
  }

  private Set<ValueKind> classifyOnce(InstanceKey object, int depth) {
    if (object instanceof ConstantKey<?> c && c.getValue() == null) return EnumSet.of(ValueKind.NONE);
    ValueKind kind = ValueKind.of(object);
    if (kind != null) {
      return switch (kind) {
        case TENSOR, VARIABLE -> EnumSet.of(ValueKind.TENSOR);
        case VARIABLE_LIST, TENSOR_LIST -> EnumSet.of(ValueKind.TENSOR_CONTAINER);
        case INT, FLOAT, BOOL, STR -> EnumSet.of(kind);
        default -> EnumSet.of(ValueKind.OTHER);
      };
    }
    PointerKey elements = elements(object);
    if (elements == null || depth >= MAX_DEPTH) return EnumSet.of(ValueKind.OTHER);
    Set<ValueKind> held = EnumSet.noneOf(ValueKind.class);
    for (InstanceKey element : pointsTo(elements)) held.addAll(classify(element, depth + 1));
    Set<ValueKind> out = EnumSet.noneOf(ValueKind.class);
    if (held.stream().anyMatch(ValueKind::isTensorLike)) out.add(ValueKind.TENSOR_CONTAINER);
    // As the reference tool: a container holding a Python scalar anywhere retraces with it.
    if (held.stream().anyMatch(ValueKind::isPrimitiveLike)) out.add(ValueKind.PRIMITIVE_CONTAINER);
    else if (held.stream().anyMatch(ValueKind::isBooleanLike)) out.add(ValueKind.BOOL_CONTAINER);
    if (out.isEmpty()) out.add(ValueKind.OTHER);
    return out;
  }

  private PointerKey elements(InstanceKey object) {
    return HeapQueries.elements(project, object);
  }

  /** For a person: "tensorflow.constant(...)", "the int literal 3", "a tuple holding tensors". */
  private String describe(InstanceKey object, ValueKind kind) {
    if (object instanceof ConstantKey<?> c) {
      Object v = c.getValue();
      if (v == null) return "None";
      String literal = v instanceof String s ? "'" + s + "'" : v instanceof Boolean b ? (b ? "True" : "False") : v.toString();
      return "the " + ValueKind.of(object).modelName() + " literal " + literal;
    }
    if (object instanceof LibraryObjectKey l && l.kind() != null) {
      String path = l.path();
      if (l.isCallResult()) return path + "(...)";
      if (path.endsWith("[]")) return "an element of " + path.replaceAll("(\\[])+$", "") + "(...)";
      if (path.endsWith("]")) {
        // What a higher-order API passes to a function it calls back: api[callback argument].
        int open = path.lastIndexOf('[');
        String noun = switch (l.kind()) {
          case TENSOR -> "a tensor";
          case OTHER -> "a value";
          default -> "a " + l.kind().modelName();
        };
        return noun + " `" + path.substring(0, open) + "` passes to its `" + path.substring(open + 1, path.length() - 1) + "`";
      }
      if (path.equals("tensorflow.Tensor")) return "a tensor computed by an operator or builtin";
      if (path.startsWith("builtins.") && path.indexOf('.', "builtins.".length()) < 0) {
        String noun = l.kind() == ValueKind.INT ? "an int" : "a " + l.kind().modelName();
        return noun + " computed by an operator or builtin";
      }
      return "`" + path + "`";
    }
    JsonObject d = descriptions.computeIfAbsent(object, o -> ObjectDescriber.describe(o, project.callGraph()));
    String type = d.has("type_name") ? d.get("type_name").getAsString() : "object";
    return switch (kind) {
      case TENSOR_CONTAINER -> "a " + type + " holding tensors";
      case PRIMITIVE_CONTAINER -> "a " + type + " holding Python scalars";
      case BOOL_CONTAINER -> "a " + type + " holding Python booleans";
      default -> "a `" + type + "` " + (d.has("kind") ? d.get("kind").getAsString() : "object");
    };
  }

  /** A call site passing values: its caller, file and range, and their JSON. */
  private record Call(String caller, String file, SourceRange range, JsonObject json) {}

  private Call callSite(ArgumentBinding binding) {
    CGNode caller = binding.caller();
    JsonObject call = new JsonObject();
    String name = project.qualifiedName(caller);
    if (name != null) call.addProperty("caller", name);
    String file = PyNames.fileOf(typeName(caller));
    if (file != null) call.addProperty("file", file);
    SourceRange range = SourceRange.at(caller, binding.site().getProgramCounter());
    if (range != SourceRange.UNKNOWN) range.addTo(call);
    return new Call(name, file, range, call);
  }
}
