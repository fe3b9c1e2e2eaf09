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
import java.util.HashSet;
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
   */
  public JsonObject toJson() {
    Set<InstanceKey> symbolic = new KerasSymbolicValues(project).all();
    RepeatedCode repeated = new RepeatedCode();
    Map<String, Map<String, Set<JsonObject>>> out = new LinkedHashMap<>();
    for (CGNode node : project.callGraph()) {
      String function = functionName(node);
      if (function == null) continue;
      Map<String, Set<JsonObject>> params = out.computeIfAbsent(function, f -> new LinkedHashMap<>());
      for (int vn = 2; project.parameterName(node, vn) != null; vn++) {
        params.computeIfAbsent(project.parameterName(node, vn), p -> new LinkedHashSet<>());
      }
    }
    for (ArgumentBinding binding : project.builder().argumentBindings()) {
      String function = functionName(binding.callee());
      String parameter = project.parameterName(binding.callee(), binding.formal() + 2);
      if (function == null || parameter == null) continue;
      JsonObject call = callSite(binding);
      Set<JsonObject> values = out.get(function).computeIfAbsent(parameter, p -> new LinkedHashSet<>());
      for (InstanceKey object : passed(binding)) {
        for (ValueKind kind : classify(object, binding.passing())) {
          JsonObject value = ObjectDescriber.describe(object, project.callGraph());
          JsonObject v = new JsonObject();
          v.addProperty("kind", kind.modelName());
          v.addProperty("what", describe(object, kind));
          // Where the value was made: file and range as ObjectDescriber has them.
          for (String key : ObjectDescriber.SITE_KEYS) {
            if (value.has(key)) v.add(key, value.get(key));
          }
          Boolean repeats = repeated.allocationMayRepeat(object);
          if (repeats != null) v.addProperty("repeats", repeats);
          if (object instanceof LibraryObjectKey l && l.kind() == null) v.addProperty("opaque", true);
          if (symbolic.contains(object)) v.addProperty("symbolic", true);
          v.add("call", call);
          values.add(v);
        }
      }
    }
    JsonObject json = new JsonObject();
    out.forEach((function, params) -> {
      JsonObject p = new JsonObject();
      params.forEach((name, values) -> {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        p.add(name, a);
      });
      json.add(function, p);
    });
    return json;
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
    Set<ValueKind> kinds = classify(object, 0, new HashSet<>());
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

  private Set<ValueKind> classify(InstanceKey object, int depth, Set<InstanceKey> seen) {
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
    if (elements == null || depth >= MAX_DEPTH || !seen.add(object)) return EnumSet.of(ValueKind.OTHER);
    Set<ValueKind> held = EnumSet.noneOf(ValueKind.class);
    for (InstanceKey element : pointsTo(elements)) held.addAll(classify(element, depth + 1, seen));
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
    JsonObject d = ObjectDescriber.describe(object, project.callGraph());
    String type = d.has("type_name") ? d.get("type_name").getAsString() : "object";
    return switch (kind) {
      case TENSOR_CONTAINER -> "a " + type + " holding tensors";
      case PRIMITIVE_CONTAINER -> "a " + type + " holding Python scalars";
      case BOOL_CONTAINER -> "a " + type + " holding Python booleans";
      default -> "a `" + type + "` " + (d.has("kind") ? d.get("kind").getAsString() : "object");
    };
  }

  private JsonObject callSite(ArgumentBinding binding) {
    CGNode caller = binding.caller();
    JsonObject call = new JsonObject();
    String name = project.qualifiedName(caller);
    if (name != null) call.addProperty("caller", name);
    String file = PyNames.fileOf(typeName(caller));
    if (file != null) call.addProperty("file", file);
    SourceRange range = SourceRange.at(caller, binding.site().getProgramCounter());
    if (range != SourceRange.UNKNOWN) range.addTo(call);
    return call;
  }
}
