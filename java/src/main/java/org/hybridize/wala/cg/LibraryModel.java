package org.hybridize.wala.cg;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What calls into library code return. A library object is named by its access path ({@code
 * tensorflow.constant}; the result of calling it is named the same, made at the call site); the
 * API model ({@code hybridize/models/tensorflow.json}, bundled in the jar: the one source of truth
 * shared with the Python analyses) gives the result a {@link ValueKind}, so the pointer analysis
 * allocates typed objects: tensors, variables, datasets, Keras objects, Python scalars.
 */
public class LibraryModel {
  /** Where the build puts the API model (java/pom.xml copies it from hybridize/models). */
  public static final String BUNDLED = "/hybridize/models/tensorflow.json";
  /** The result kinds generated from TensorFlow ({@code scripts/generate_tf_model.py}). */
  public static final String BUNDLED_GENERATED = "/hybridize/models/tensorflow_api.json";
  /** Their hand-kept overrides. */
  public static final String BUNDLED_OVERRIDES = "/hybridize/models/tensorflow_overrides.json";

  /** How a builtin's result relates to its arguments ({@code python_builtins} of the model). */
  public enum BuiltinRule {
    /** {@code abs}, {@code max}, {@code sum} ...: a tensor from tensors, a number from numbers. */
    ARITHMETIC("arithmetic"),
    /** {@code list(xs)}, {@code sorted(xs)}: a new container of the argument's elements. */
    ELEMENTS_OF_FIRST_ARGUMENT("elements_of_first_argument"),
    /** {@code iter(xs)}: the argument itself. */
    FIRST_ARGUMENT("first_argument"),
    /** {@code next(it)}: an element of the argument. */
    ELEMENT_OF_FIRST_ARGUMENT("element_of_first_argument"),
    /** {@code enumerate(xs)}: pairs of an int counter and an element. */
    NUMBERED_ELEMENTS("numbered_elements"),
    /** {@code zip(xs, ys)}: tuples of elements of every argument. */
    ZIPPED_ELEMENTS("zipped_elements");

    private final String modelName;

    BuiltinRule(String modelName) {
      this.modelName = modelName;
    }
  }

  private final Map<String, String> returnTypes = new HashMap<>();
  private final String[] aliasFrom;
  private final String[] aliasTo;
  /** Result kinds by API pattern, in the order they are tried (first match wins). */
  private final Map<ValueKind, Pattern> results = new LinkedHashMap<>();
  private final Map<String, BuiltinRule> builtinRules = new HashMap<>();
  private final Map<ValueKind, MethodSpec> methods = new EnumMap<>(ValueKind.class);
  private final Pattern kerasBases;
  private final Pattern callbackBases;
  /** Consulted before the hand-kept result kinds ({@code returns}, {@code methods}). */
  private final GeneratedApiModel generated;
  /** Higher-order library functions, by API path ({@code callbacks.functions} of the model). */
  private final Map<String, HigherOrderApi> higherOrderFunctions = new HashMap<>();
  /** Higher-order methods by the kind of their receiver, then name ({@code callbacks.methods}). */
  private final Map<ValueKind, Map<String, HigherOrderApi>> higherOrderMethods = new EnumMap<>(ValueKind.class);

  /** Methods of TensorFlow objects whose result has the structure of one argument ({@code tape.gradient}). */
  private final Map<String, ArgumentRef> tfResultsLikeArgument = new HashMap<>();

  /** An argument of a library call, by keyword name and by position (receiver excluded). */
  public record ArgumentRef(String name, int position) {}

  /** What calling a method on a value of one kind returns. */
  private record MethodSpec(
      ValueKind otherwise,
      Map<String, ValueKind> results,
      Set<String> otherAttributes,
      Map<String, ValueKind> attributes) {}

  /**
   * APIs known to take a function without calling it. Any other library call is assumed to call
   * the project functions it receives (map, sorted's key, Dataset.map, tf.py_function...).
   */
  private final Set<String> doesNotCallArguments =
      new HashSet<>(
          Set.of(
              "functools.wraps", "functools.update_wrapper", "builtins.isinstance",
              "builtins.callable", "builtins.id", "builtins.getattr", "builtins.hasattr",
              "builtins.setattr", "builtins.print", "builtins.repr", "builtins.str",
              "builtins.type", "builtins.staticmethod", "builtins.classmethod",
              "builtins.property", "tensorflow.function"));

  /** A model that types nothing (every library result is an untyped library object). */
  public LibraryModel() {
    this(new JsonObject());
  }

  /** The model of a data file with the layout of {@code hybridize/models/tensorflow.json}. */
  public LibraryModel(JsonObject data) {
    this(data, new GeneratedApiModel());
  }

  /** The hand-kept model {@code data} with the generated result kinds {@code generated}. */
  LibraryModel(JsonObject data, GeneratedApiModel generated) {
    this.generated = generated;
    JsonObject aliases = object(data, "aliases");
    aliasFrom = aliases.keySet().toArray(new String[0]);
    aliasTo = aliases.keySet().stream().map(k -> aliases.get(k).getAsString()).toArray(String[]::new);
    JsonObject returns = object(data, "returns");
    // Keras objects first: a loss class and a loss function share a module.
    for (ValueKind kind :
        List.of(ValueKind.KERAS_OBJECT, ValueKind.TF_OBJECT, ValueKind.VARIABLE, ValueKind.DATASET, ValueKind.TENSOR)) {
      results.put(kind, glob(strings(returns, kind.modelName())));
    }
    JsonObject builtins = object(data, "python_builtins");
    for (ValueKind kind : List.of(ValueKind.INT, ValueKind.FLOAT, ValueKind.BOOL, ValueKind.STR, ValueKind.INT_SEQUENCE)) {
      results.put(kind, glob(strings(builtins, kind.modelName())));
    }
    for (BuiltinRule rule : BuiltinRule.values()) {
      for (String api : strings(builtins, rule.modelName)) builtinRules.put(api, rule);
    }
    readMethods(object(data, "methods"));
    kerasBases = glob(strings(data, "keras_base_classes"));
    callbackBases = glob(strings(object(data, "speculative"), "callback_base_classes"));
    readCallbacks(object(data, "callbacks"));
  }

  private void readCallbacks(JsonObject spec) {
    JsonObject functions = object(spec, "functions");
    for (String api : functions.keySet()) {
      higherOrderFunctions.put(api, HigherOrderApi.read(functions.getAsJsonObject(api)));
    }
    JsonObject methods = object(spec, "methods");
    for (String receiver : methods.keySet()) {
      ValueKind kind = ValueKind.fromModelName(receiver);
      if (kind == null) throw new IllegalArgumentException("callbacks of unknown value kind " + receiver);
      JsonObject byName = methods.getAsJsonObject(receiver);
      Map<String, HigherOrderApi> apis = higherOrderMethods.computeIfAbsent(kind, k -> new HashMap<>());
      for (String name : byName.keySet()) apis.put(name, HigherOrderApi.read(byName.getAsJsonObject(name)));
    }
  }

  /** The model bundled with the front end: hand-kept, generated and overrides. */
  public static LibraryModel bundled() {
    return new LibraryModel(
        resource(BUNDLED), new GeneratedApiModel(resource(BUNDLED_GENERATED), resource(BUNDLED_OVERRIDES)));
  }

  private static JsonObject resource(String path) {
    try (InputStream in = LibraryModel.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("the API model " + path + " is not in the jar");
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return JsonParser.parseReader(reader).getAsJsonObject();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the API model " + path, e);
    }
  }

  private void readMethods(JsonObject spec) {
    JsonObject tensor = object(spec, "tensor");
    MethodSpec tensorMethods =
        new MethodSpec(
            ValueKind.TENSOR, others(strings(tensor, "returns_other")),
            new HashSet<>(strings(tensor, "other_attributes")), Map.of("T", ValueKind.TENSOR));
    methods.put(ValueKind.TENSOR, tensorMethods);
    methods.put(ValueKind.VARIABLE, tensorMethods);
    JsonObject dataset = object(spec, "dataset");
    Map<String, ValueKind> datasetResults = others(List.of());
    for (String m : strings(dataset, "returns_dataset")) datasetResults.put(m, ValueKind.DATASET);
    for (String m : strings(dataset, "returns_tensor")) datasetResults.put(m, ValueKind.TENSOR);
    methods.put(ValueKind.DATASET, new MethodSpec(null, datasetResults, Set.of(), Map.of()));
    JsonObject keras = object(spec, "keras_object");
    Map<String, ValueKind> kerasResults = others(strings(keras, "returns_other"));
    for (String m : strings(keras, "returns_tensor")) kerasResults.put(m, ValueKind.TENSOR);
    Map<String, ValueKind> kerasAttributes = new HashMap<>();
    for (String a : strings(keras, "tensor_attributes")) kerasAttributes.put(a, ValueKind.VARIABLE_LIST);
    methods.put(ValueKind.KERAS_OBJECT, new MethodSpec(null, kerasResults, Set.of(), kerasAttributes));
    Map<String, ValueKind> tfResults = new HashMap<>();
    for (String m : strings(object(spec, "tf_object"), "returns_tensor")) tfResults.put(m, ValueKind.TENSOR);
    methods.put(ValueKind.TF_OBJECT, new MethodSpec(null, tfResults, Set.of(), Map.of()));
    object(object(spec, "tf_object"), "results_like_argument").entrySet().forEach(e -> {
      JsonObject argument = e.getValue().getAsJsonObject();
      tfResultsLikeArgument.put(e.getKey(),
          new ArgumentRef(argument.get("argument").getAsString(), argument.get("position").getAsInt()));
    });
  }

  /** Methods whose results are not typed: present in the map with a null kind. */
  private static Map<String, ValueKind> others(List<String> names) {
    Map<String, ValueKind> out = new HashMap<>();
    for (String n : names) out.put(n, null);
    return out;
  }

  // ------------------------------------------------------------------ queries

  /** Declares that {@code api} stores or inspects functions passed to it without calling them. */
  public void setDoesNotCallArguments(String api) {
    doesNotCallArguments.add(api);
  }

  /** Whether calling {@code api} may call project functions passed as arguments. */
  public boolean callsArguments(String api) {
    return !doesNotCallArguments.contains(api);
  }

  /**
   * The functions library API {@code api} calls, when the model lists it: a function by its path,
   * a method ({@code receiver} non-null) by its receiver's kind and its name; else null.
   */
  public HigherOrderApi higherOrder(String api, ValueKind receiver) {
    if (receiver == null) return higherOrderFunctions.get(canonical(api));
    Map<String, HigherOrderApi> byName = higherOrderMethods.getOrDefault(receiver, Map.of());
    return byName.get(api.substring(api.lastIndexOf('.') + 1));
  }

  /** Declares that calling {@code api} returns an object named {@code type}. */
  public void setReturnType(String api, String type) {
    returnTypes.put(api, type);
  }

  /**
   * The dotted name of what calling {@code api} returns: by default the API itself (the result
   * of {@code tensorflow.constant} is named {@code tensorflow.constant}, its kind says it is a
   * tensor), so call-graph edges name the API chain a program wrote.
   */
  public String resultType(String api) {
    return returnTypes.getOrDefault(api, api);
  }

  /** {@code keras.layers.Dense} -> {@code tensorflow.keras.layers.Dense}. */
  public String canonical(String path) {
    for (int i = 0; i < aliasFrom.length; i++) {
      String from = aliasFrom[i];
      if (path.equals(from)) return aliasTo[i];
      if (path.startsWith(from + ".")) return aliasTo[i] + path.substring(from.length());
    }
    return path;
  }

  /**
   * The kind of what calling library API {@code api} returns, or null if the model is silent or
   * knows it is no value the analysis types: the overrides, then the kinds generated from
   * TensorFlow, then the hand-kept patterns.
   */
  public ValueKind resultKind(String api) {
    String name = canonical(api);
    GeneratedApiModel.Answer known = generated.function(name);
    if (known != null) return known.kind();
    for (Map.Entry<ValueKind, Pattern> e : results.entrySet()) {
      if (e.getValue().matcher(name).matches()) return e.getKey();
    }
    return null;
  }

  /** How builtin {@code api}'s result relates to its arguments, or null. */
  public BuiltinRule builtinRule(String api) {
    return builtinRules.get(api);
  }

  /** The kind of what calling an object of kind {@code callee} gives (a Keras layer: tensors). */
  public ValueKind callResult(ValueKind callee) {
    return callee == ValueKind.KERAS_OBJECT ? methodResult(callee, "__call__") : null;
  }

  /**
   * The argument whose structure the result of method {@code name} of a value of kind
   * {@code receiver} has (a list of tensors for a list, else a tensor), or null.
   */
  public ArgumentRef resultLikeArgument(ValueKind receiver, String name) {
    return receiver == ValueKind.TF_OBJECT ? tfResultsLikeArgument.get(name) : null;
  }

  /** The kind of what method {@code name} of a value of kind {@code receiver} returns, or null. */
  public ValueKind methodResult(ValueKind receiver, String name) {
    GeneratedApiModel.Answer known = generated.call(receiver, name);
    if (known != null) return known.kind();
    MethodSpec spec = methods.get(receiver);
    if (spec == null) return null;
    return spec.results().containsKey(name) ? spec.results().get(name) : spec.otherwise();
  }

  /**
   * The kind of attribute {@code name} of a value of kind {@code receiver}: a typed attribute
   * ({@code t.T}, {@code model.trainable_variables}), a {@link ValueKind#METHOD} to be called, or
   * null for an attribute the model says nothing about ({@code t.shape}).
   */
  public ValueKind attributeKind(ValueKind receiver, String name) {
    GeneratedApiModel.Answer property = generated.attribute(receiver, name);
    if (property != null) return property.kind();
    if (generated.call(receiver, name) != null) return ValueKind.METHOD;
    MethodSpec spec = methods.get(receiver);
    if (spec == null || spec.otherAttributes().contains(name)) return null;
    if (spec.attributes().containsKey(name)) return spec.attributes().get(name);
    return spec.results().containsKey(name) || spec.otherwise() != null ? ValueKind.METHOD : null;
  }

  /** Whether a project class deriving library class {@code path} is a Keras layer or model. */
  public boolean isKerasBase(String path) {
    return kerasBases.matcher(canonical(path)).matches();
  }

  /** Whether a project class deriving library class {@code path} is a Keras callback. */
  public boolean isCallbackBase(String path) {
    return callbackBases.matcher(canonical(path)).matches();
  }

  // ------------------------------------------------------------------ data file helpers

  private static JsonObject object(JsonObject data, String key) {
    JsonElement e = data.get(key);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
  }

  private static List<String> strings(JsonObject data, String key) {
    List<String> out = new ArrayList<>();
    JsonElement e = data.get(key);
    if (e != null && e.isJsonArray()) {
      for (JsonElement s : (JsonArray) e) out.add(s.getAsString());
    }
    return out;
  }

  /** One regular expression for fnmatch-style patterns ({@code *} matches anything). */
  static Pattern glob(List<String> patterns) {
    if (patterns.isEmpty()) return Pattern.compile("(?!)");
    StringBuilder out = new StringBuilder();
    for (String p : patterns) {
      if (out.length() > 0) out.append('|');
      out.append("(?:");
      for (String literal : p.split("\\*", -1)) out.append(Pattern.quote(literal)).append(".*");
      out.setLength(out.length() - 2);
      out.append(')');
    }
    return Pattern.compile(out.toString());
  }
}
