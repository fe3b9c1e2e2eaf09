package org.hybridize.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hybridize.wala.cg.ValueKind;

/**
 * The values call sites pass to one parameter, as {@link ParameterValues} reports them: of each
 * class of value (kind, Keras-symbolic, untyped, repeating) at most {@link #PER_CLASS}, the first
 * in source order (call site, then where the value was made).
 *
 * <p>Every question asked of passed values is about a class: does some call pass a tensor, a
 * Python scalar, a symbolic tensor, a project object made where code repeats; is every value
 * untyped. A few values of each class answer each as all of them do and name the evidence. On
 * large projects merged points-to sets made every binding pass hundreds of objects (OpenNMT-tf:
 * 593,488 passed values, 10 s to build and read), of which the report quotes eight.
 */
final class PassedSample {
  /** Values kept per class: the report's evidence quotes at most eight per finding. */
  static final int PER_CLASS = 8;

  /** What the questions asked of passed values tell apart ({@code repeats} null: unknown). */
  record ValueClass(ValueKind kind, boolean symbolic, boolean opaque, Boolean repeats) {}

  /**
   * Where a value was passed and made, what it is: the order values are kept and reported in
   * (the order the report's evidence lists them in: call site, where made, what), and what tells
   * two values apart in the report (values alike in all of it quote the same evidence). {@code
   * column}: where the value was made, 0 unless the evidence quotes the value itself (no call
   * site known).
   */
  record Order(String callFile, SourceRange call, String caller, String file, int line, int column, String what)
      implements Comparable<Order> {
    private static final Comparator<Order> ORDER =
        Comparator.comparing(Order::callFile)
            .thenComparingInt(o -> o.call().line())
            .thenComparing(Order::file)
            .thenComparingInt(Order::line)
            .thenComparing(Order::what)
            .thenComparing(Order::call)
            .thenComparing(Order::caller)
            .thenComparingInt(Order::column);

    Order {
      callFile = Objects.requireNonNullElse(callFile, "");
      caller = Objects.requireNonNullElse(caller, "");
      file = Objects.requireNonNullElse(file, "");
    }

    @Override
    public int compareTo(Order other) {
      return ORDER.compare(this, other);
    }
  }

  private final Map<ValueClass, TreeMap<Order, JsonObject>> byClass = new HashMap<>();

  /**
   * Keeps the value {@code make} describes if it is among the first {@link #PER_CLASS} of its
   * class; {@code make} runs only then.
   */
  void add(ValueClass valueClass, Order order, Supplier<JsonObject> make) {
    TreeMap<Order, JsonObject> kept = byClass.computeIfAbsent(valueClass, c -> new TreeMap<>());
    if (kept.containsKey(order)) return;
    if (kept.size() >= PER_CLASS && order.compareTo(kept.lastKey()) > 0) return;
    kept.put(order, make.get());
    if (kept.size() > PER_CLASS) kept.pollLastEntry();
  }

  /** The kept values of every class, in source order. */
  JsonArray toJson() {
    List<Map.Entry<Order, JsonObject>> all = new ArrayList<>();
    byClass.values().forEach(kept -> all.addAll(kept.entrySet()));
    all.sort(Map.Entry.comparingByKey());
    JsonArray out = new JsonArray();
    all.forEach(e -> out.add(e.getValue()));
    return out;
  }
}
