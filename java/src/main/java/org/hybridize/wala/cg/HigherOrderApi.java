package org.hybridize.wala.cg;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A library API that calls functions passed to it ({@code tf.cond}, {@code tf.map_fn}, {@code
 * Dataset.map}): which arguments are those functions, what each of their parameters receives, and
 * whose results the API returns. Read from the {@code callbacks} section of the API model.
 *
 * @param callbacks the function-valued arguments, in the model's order
 * @param arguments every argument the entries name, by name, with its position
 * @param resultFrom the callbacks whose results the API returns
 */
public record HigherOrderApi(List<Callback> callbacks, Map<String, Integer> arguments, Set<String> resultFrom) {

  /**
   * One function-valued argument.
   *
   * @param argument its name (for keyword calls; positions come from {@code arguments})
   * @param within how many container levels inside the argument the functions sit
   * @param parameters what each positional parameter of the function receives, in order
   */
  public record Callback(String argument, int within, List<Parameter> parameters) {}

  /**
   * What one positional parameter of a callback receives: one or more sources. With {@code
   * spread}, the sources fill every remaining positional parameter without a default.
   */
  public record Parameter(List<Source> sources, boolean spread) {}

  /** Where a value a callback receives comes from. */
  public sealed interface Source {}

  /** A value the API makes, of kind {@code kind} ({@code ndarray}: OTHER, a known non-tensor). */
  public record Made(ValueKind kind) implements Source {}

  /** An element of the receiver ({@code Dataset.map}: the dataset's elements). */
  public record ReceiverElement() implements Source {}

  /** The value passed as argument {@code name}, or (spread) its elements. */
  public record Argument(String name) implements Source {}

  /** Reads one API's entry of the model's {@code callbacks} section. */
  static HigherOrderApi read(JsonObject spec) {
    Map<String, Integer> arguments = new TreeMap<>();
    JsonObject names = spec.getAsJsonObject("arguments");
    for (String name : names.keySet()) arguments.put(name, names.get(name).getAsInt());
    JsonObject within = spec.has("within") ? spec.getAsJsonObject("within") : new JsonObject();
    List<Callback> callbacks = new ArrayList<>();
    JsonObject calls = spec.getAsJsonObject("calls");
    for (String argument : calls.keySet()) {
      if (!arguments.containsKey(argument)) {
        throw new IllegalArgumentException("callback " + argument + " has no position in " + spec);
      }
      List<Parameter> parameters = new ArrayList<>();
      for (JsonElement p : calls.getAsJsonArray(argument)) parameters.add(parameter(p.getAsString(), arguments));
      int depth = within.has(argument) ? within.get(argument).getAsInt() : 0;
      callbacks.add(new Callback(argument, depth, List.copyOf(parameters)));
    }
    List<String> results = new ArrayList<>();
    if (spec.has("result")) spec.getAsJsonArray("result").forEach(r -> results.add(r.getAsString()));
    return new HigherOrderApi(List.copyOf(callbacks), Map.copyOf(arguments), Set.copyOf(results));
  }

  /** {@code "tensor"}, {@code "*element"}, {@code "initializer|tensor"}, {@code "*loop_vars"}. */
  private static Parameter parameter(String text, Map<String, Integer> arguments) {
    boolean spread = text.startsWith("*");
    List<Source> sources = new ArrayList<>();
    for (String source : (spread ? text.substring(1) : text).split("\\|")) {
      sources.add(
          switch (source) {
            case "tensor" -> new Made(ValueKind.TENSOR);
            // Known not to be a tensor (so never opaque to a type hint).
            case "ndarray" -> new Made(ValueKind.OTHER);
            case "element" -> new ReceiverElement();
            default -> {
              if (!arguments.containsKey(source)) {
                throw new IllegalArgumentException("unknown callback parameter source " + source);
              }
              yield new Argument(source);
            }
          });
    }
    return new Parameter(List.copyOf(sources), spread);
  }
}
