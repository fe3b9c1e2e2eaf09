package org.hybridize.wala.cg;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The result kinds generated from TensorFlow itself ({@code hybridize/models/tensorflow_api.json},
 * written by {@code scripts/generate_tf_model.py}) with their hand-kept overrides ({@code
 * tensorflow_overrides.json}, which win): the kind of what each public API returns, and of what
 * the methods and properties of TensorFlow's classes give, by the kind of their instances.
 *
 * <p>Generated kinds map onto {@link ValueKind}s; two are read as others: a Python container of
 * tensors is modelled as a tensor (its elements, and the whole passed to a parameter, are
 * tensors, as for {@code tf.unstack}), and {@code other} is a known non-tensor: an untyped
 * library object (null), which the hand-kept patterns of {@code tensorflow.json} do not override.
 */
final class GeneratedApiModel {
  /** What the model says of a name: absent, or a kind (null for {@code other}). */
  record Answer(ValueKind kind) {}

  private final Map<String, Answer> functions = new HashMap<>();
  private final Map<ValueKind, Map<String, Answer>> calls = new EnumMap<>(ValueKind.class);
  private final Map<ValueKind, Map<String, Answer>> attributes = new EnumMap<>(ValueKind.class);

  /** A model that says nothing. */
  GeneratedApiModel() {}

  GeneratedApiModel(JsonObject generated, JsonObject overrides) {
    readKinds(object(generated, "functions"), functions, new HashSet<>());
    JsonObject classes = object(generated, "methods");
    JsonObject methodOverrides = object(overrides, "methods");
    Map<ValueKind, Set<String>> clashes = new EnumMap<>(ValueKind.class);
    for (String cls : classes.keySet()) {
      JsonObject spec = classes.getAsJsonObject(cls);
      ValueKind receiver = ValueKind.fromModelName(spec.get("receiver").getAsString());
      Set<String> seen = clashes.computeIfAbsent(receiver, k -> new HashSet<>());
      readKinds(object(spec, "calls"), calls.computeIfAbsent(receiver, k -> new HashMap<>()), seen);
      readKinds(object(spec, "attributes"), attributes.computeIfAbsent(receiver, k -> new HashMap<>()), seen);
    }
    for (String cls : methodOverrides.keySet()) {
      JsonElement receiver = object(classes, cls).get("receiver");
      if (receiver == null) continue;
      readOverrides(methodOverrides.getAsJsonObject(cls),
          calls.computeIfAbsent(ValueKind.fromModelName(receiver.getAsString()), k -> new HashMap<>()));
    }
    readOverrides(object(overrides, "functions"), functions);
  }

  /** What calling library API {@code api} (canonical path) returns; null if the model is silent. */
  Answer function(String api) {
    return functions.get(api);
  }

  /** What method {@code name} of a value of kind {@code receiver} returns; null if silent. */
  Answer call(ValueKind receiver, String name) {
    return lookup(calls, receiver, name);
  }

  /** What reading property {@code name} of a value of kind {@code receiver} gives; null if silent. */
  Answer attribute(ValueKind receiver, String name) {
    return lookup(attributes, receiver, name);
  }

  private static Answer lookup(Map<ValueKind, Map<String, Answer>> byReceiver, ValueKind receiver, String name) {
    Map<String, Answer> own = byReceiver.get(receiver);
    Answer answer = own == null ? null : own.get(name);
    // A variable is a tensor too: what the model says of tensors holds for it unless it says otherwise.
    if (answer == null && receiver == ValueKind.VARIABLE) return lookup(byReceiver, ValueKind.TENSOR, name);
    return answer;
  }

  /**
   * {@code {kind: {derivation: [names]}}} into {@code out}. A name two classes of one receiver
   * kind give different kinds ({@code clashes}, kept across the classes) is left out: the model
   * cannot tell which.
   */
  private static void readKinds(JsonObject table, Map<String, Answer> out, Set<String> clashes) {
    JsonObject kinds = object(table, "kinds");
    for (String kindName : kinds.keySet()) {
      Answer answer = new Answer(analysisKind(kindName));
      for (Map.Entry<String, JsonElement> bySource : kinds.getAsJsonObject(kindName).entrySet()) {
        for (JsonElement name : bySource.getValue().getAsJsonArray()) {
          String n = name.getAsString();
          if (clashes.contains(n)) continue;
          Answer before = out.putIfAbsent(n, answer);
          if (before != null && !before.equals(answer)) {
            clashes.add(n);
            out.remove(n);
          }
        }
      }
    }
  }

  private static void readOverrides(JsonObject overrides, Map<String, Answer> out) {
    for (String name : overrides.keySet()) {
      if (name.startsWith("_")) continue;
      out.put(name, new Answer(analysisKind(overrides.getAsJsonObject(name).get("kind").getAsString())));
    }
  }

  /** The analysis' kind of a generated kind: a container of tensors is read as a tensor. */
  static ValueKind analysisKind(String generated) {
    if (generated.equals("tensor_container")) return ValueKind.TENSOR;
    if (generated.equals("other")) return null;
    ValueKind kind = ValueKind.fromModelName(generated);
    if (kind == null) throw new IllegalArgumentException("unknown value kind in the API model: " + generated);
    return kind;
  }

  private static JsonObject object(JsonObject data, String key) {
    JsonElement e = data == null ? null : data.get(key);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
  }
}
