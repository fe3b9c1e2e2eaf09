package org.hybridize.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/** Facts per project function as the JSON Python reads: {@code {qualified_name: [fact, ...]}}. */
final class FactsJson {
  private FactsJson() {}

  static <T> JsonObject byFunction(Map<String, ? extends Collection<T>> facts, Function<T, JsonObject> render) {
    JsonObject out = new JsonObject();
    facts.forEach((name, list) -> {
      JsonArray array = new JsonArray();
      for (T fact : list) array.add(render.apply(fact));
      out.add(name, array);
    });
    return out;
  }
}
