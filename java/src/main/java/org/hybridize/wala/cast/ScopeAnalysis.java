package org.hybridize.wala.cast;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Python's static scoping rules over the serialised AST: which names a block binds, which it
 * declares {@code global} or {@code nonlocal}, and whether a function is a generator. Nested
 * function, lambda and class bodies are not entered (their names are bound, their bodies are
 * their own scopes); comprehension variables are not bound (comprehensions have their own scope).
 */
public final class ScopeAnalysis {
  private ScopeAnalysis() {}

  public static Set<String> boundNames(JsonArray body) {
    Collector c = new Collector();
    c.statements(body);
    return c.bound;
  }

  public static Set<String> declared(JsonArray body, String kind) {
    Collector c = new Collector();
    c.statements(body);
    return kind.equals("Global") ? c.globals : c.nonlocals;
  }

  public static boolean isGenerator(JsonArray body) {
    Collector c = new Collector();
    c.statements(body);
    return c.yields;
  }

  /** A list field, empty when absent (the pre-scan must survive malformed input). */
  static JsonArray array(JsonObject n, String field) {
    JsonElement e = n.get(field);
    return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
  }

  private static final class Collector {
    final Set<String> bound = new LinkedHashSet<>();
    final Set<String> globals = new LinkedHashSet<>();
    final Set<String> nonlocals = new LinkedHashSet<>();
    boolean yields;

    void statements(JsonArray body) {
      if (body == null) return;
      for (JsonElement e : body) visit(e);
    }

    void visit(JsonElement e) {
      if (e == null || e.isJsonNull()) return;
      if (e.isJsonArray()) {
        for (JsonElement x : e.getAsJsonArray()) visit(x);
        return;
      }
      if (!e.isJsonObject()) return;
      JsonObject n = e.getAsJsonObject();
      if (!n.has("_")) return;
      String type = n.get("_").getAsString();
      switch (type) {
        case "FunctionDef", "AsyncFunctionDef", "ClassDef" -> {
          bound.add(n.get("name").getAsString());
          visit(n.get("decorator_list"));
          if (n.has("bases")) visit(n.get("bases"));
          if (n.has("keywords")) visit(n.get("keywords"));
          if (n.has("args")) {
            JsonObject args = n.getAsJsonObject("args");
            visit(args.get("defaults"));
            visit(args.get("kw_defaults"));
          }
          return;
        }
        case "Lambda" -> {
          if (n.get("args") instanceof JsonObject args) {
            visit(args.get("defaults"));
            visit(args.get("kw_defaults"));
          }
          return;
        }
        case "ListComp", "SetComp", "GeneratorExp", "DictComp" -> {
          // Only walrus targets inside a comprehension bind in the enclosing scope.
          for (JsonElement g : array(n, "generators")) {
            JsonObject gen = g.getAsJsonObject();
            visit(gen.get("iter"));
            visitWalrusOnly(gen.get("ifs"));
          }
          return;
        }
        case "Global" -> {
          for (JsonElement x : array(n, "names")) globals.add(x.getAsString());
          return;
        }
        case "Nonlocal" -> {
          for (JsonElement x : array(n, "names")) nonlocals.add(x.getAsString());
          return;
        }
        case "Name" -> {
          return; // loads; stores are found through their statements
        }
        case "Yield", "YieldFrom" -> yields = true;
        case "Assign" -> array(n, "targets").forEach(this::target);
        case "AugAssign", "AnnAssign" -> target(n.get("target"));
        case "For", "AsyncFor" -> target(n.get("target"));
        case "withitem" -> target(n.get("optional_vars"));
        case "ExceptHandler" -> addName(n.get("name"));
        case "NamedExpr" -> target(n.get("target"));
        case "Delete" -> array(n, "targets").forEach(this::target);
        case "Import", "ImportFrom" -> {
          for (JsonElement a : array(n, "names")) {
            JsonObject alias = a.getAsJsonObject();
            String name = alias.get("name").getAsString();
            if (name.equals("*")) continue;
            JsonElement as = alias.get("asname");
            bound.add(as != null && !as.isJsonNull() ? as.getAsString() : name.split("\\.")[0]);
          }
          return;
        }
        case "MatchAs", "MatchStar" -> addName(n.get("name"));
        case "MatchMapping" -> addName(n.get("rest"));
        default -> {}
      }
      for (Map.Entry<String, JsonElement> f : n.entrySet()) {
        if (!f.getKey().equals("_")) visit(f.getValue());
      }
    }

    void visitWalrusOnly(JsonElement e) {
      if (e == null || e.isJsonNull()) return;
      if (e.isJsonArray()) {
        for (JsonElement x : e.getAsJsonArray()) visitWalrusOnly(x);
        return;
      }
      if (!e.isJsonObject()) return;
      JsonObject n = e.getAsJsonObject();
      if (n.has("_") && n.get("_").getAsString().equals("NamedExpr")) target(n.get("target"));
      for (Map.Entry<String, JsonElement> f : n.entrySet()) {
        if (!f.getKey().equals("_")) visitWalrusOnly(f.getValue());
      }
    }

    void addName(JsonElement name) {
      if (name != null && !name.isJsonNull()) bound.add(name.getAsString());
    }

    void target(JsonElement t) {
      if (t == null || t.isJsonNull() || !t.isJsonObject()) return;
      JsonObject n = t.getAsJsonObject();
      switch (n.get("_").getAsString()) {
        case "Name" -> bound.add(n.get("id").getAsString());
        case "Tuple", "List" -> array(n, "elts").forEach(this::target);
        case "Starred" -> target(n.get("value"));
        default -> {}
      }
    }
  }
}
