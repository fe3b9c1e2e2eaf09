package org.hybridize.wala.cg;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What calls into library code return. By default a call to {@code tensorflow.constant} returns
 * an object typed {@code tensorflow.constant} allocated at the call site; a data file (API models,
 * added later) refines this, e.g. {@code tensorflow.constant -> tensorflow.Tensor}.
 */
public class LibraryModel {
  private final Map<String, String> returnTypes = new HashMap<>();

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

  /** Declares that {@code api} stores or inspects functions passed to it without calling them. */
  public void setDoesNotCallArguments(String api) {
    doesNotCallArguments.add(api);
  }

  /** Whether calling {@code api} may call project functions passed as arguments. */
  public boolean callsArguments(String api) {
    return !doesNotCallArguments.contains(api);
  }

  /** Declares that calling {@code api} returns an object of library type {@code type}. */
  public void setReturnType(String api, String type) {
    returnTypes.put(api, type);
  }

  /** The dotted type name of what calling {@code api} returns. */
  public String resultType(String api) {
    return returnTypes.getOrDefault(api, api);
  }
}
