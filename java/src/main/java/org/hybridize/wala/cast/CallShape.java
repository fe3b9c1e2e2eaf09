package org.hybridize.wala.cast;

import java.util.Arrays;
import java.util.List;

/**
 * How the arguments of a Python call site are passed. The invoke's uses are the callee followed
 * by {@code positional} positional arguments, then one value per keyword name, then the {@code
 * *args} value if {@code starArgs}, then the {@code **kwargs} value if {@code starKwargs}.
 *
 * @param decorator the call applies a decorator to a definition: an unknown library decorator
 *     returns its argument (so {@code @tf.function} keeps the function in the call graph)
 */
public record CallShape(
    int positional, List<String> keywords, boolean starArgs, boolean starKwargs, boolean decorator) {

  public static CallShape positional(int count) {
    return new CallShape(count, List.of(), false, false, false);
  }

  public static CallShape forDecorator() {
    return new CallShape(1, List.of(), false, false, true);
  }

  public int argumentCount() {
    return positional + keywords.size() + (starArgs ? 1 : 0) + (starKwargs ? 1 : 0);
  }

  /** Index (0-based, among arguments) of the *args value, or -1. */
  public int starArgsIndex() {
    return starArgs ? positional + keywords.size() : -1;
  }

  public int starKwargsIndex() {
    return starKwargs ? positional + keywords.size() + (starArgs ? 1 : 0) : -1;
  }

  @Override
  public String toString() {
    return positional
        + (keywords.isEmpty() ? "" : " kw" + Arrays.toString(keywords.toArray()))
        + (starArgs ? " *args" : "")
        + (starKwargs ? " **kwargs" : "")
        + (decorator ? " decorator" : "");
  }
}
