package org.hybridize.wala.cg;

import java.util.Arrays;
import org.hybridize.wala.cast.PyJsonToCAst;

/**
 * Dotted paths of library objects ({@code tensorflow.math.add}). Every distinct path is a new
 * abstract object, so paths are bounded, or a program would make objects without end:
 *
 * <ul>
 *   <li>a loop such as {@code node = node.parent} repeats a segment: the path collapses into
 *       {@code *} at the first repetition;
 *   <li>chains of calls on values the API models do not describe (builtins, unknown packages:
 *       {@code s.strip().lower().encode().decode()}) combine every method name flowing into a
 *       variable, so past {@link #MAX_UNMODELLED_SEGMENTS} segments they collapse;
 *   <li>anything else collapses past {@link #MAX_SEGMENTS} segments (long enough for
 *       {@code tensorflow.data.Dataset.from_tensor_slices.shuffle.batch.map}).
 * </ul>
 */
public final class LibraryPaths {
  private LibraryPaths() {}

  public static final int MAX_SEGMENTS = 8;
  public static final int MAX_UNMODELLED_SEGMENTS = 4;
  public static final String ELEMENT = "[]";
  private static final String COLLAPSED = "*";

  /** Roots whose APIs the models describe in depth; their long paths carry meaning. */
  private static final String[] MODELLED_ROOTS = {"tensorflow", "keras", "tf_keras", "numpy"};

  /** The path of attribute {@code name} of the object at {@code path}. */
  public static String member(String path, String name) {
    if (path.endsWith(COLLAPSED)) return path;
    if (name.equals(PyJsonToCAst.ELEMENTS)) return bounded(path + ELEMENT);
    if (Arrays.asList(path.replace(ELEMENT, "").split("\\.")).contains(name)) {
      return path + "." + COLLAPSED; // a repeated step: a loop walking the library object
    }
    return bounded(path + "." + name);
  }

  static String bounded(String path) {
    String[] segments = path.split("\\.", -1);
    int elements = path.length() - path.replace(ELEMENT, "").length();
    int limit = isModelled(segments[0]) ? MAX_SEGMENTS : MAX_UNMODELLED_SEGMENTS;
    if (segments.length <= limit && elements <= 2 * ELEMENT.length()) return path;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(segments.length, limit - 1); i++) {
      String segment = segments[i].replace(ELEMENT, "");
      if (segment.equals(COLLAPSED)) break;
      out.append(segment).append('.');
    }
    return out.append(COLLAPSED).toString();
  }

  private static boolean isModelled(String root) {
    for (String modelled : MODELLED_ROOTS) {
      if (root.equals(modelled)) return true;
    }
    return false;
  }
}
