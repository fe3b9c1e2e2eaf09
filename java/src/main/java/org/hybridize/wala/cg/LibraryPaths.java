package org.hybridize.wala.cg;

import org.hybridize.wala.cast.PyJsonToCAst;

/**
 * Dotted paths of library objects ({@code tensorflow.math.add}). Paths are bounded: a loop such
 * as {@code node = node.parent} over a library object would otherwise make new objects forever,
 * so past {@link #MAX_SEGMENTS} segments the tail collapses into {@code *}.
 */
public final class LibraryPaths {
  private LibraryPaths() {}

  public static final int MAX_SEGMENTS = 8;
  public static final String ELEMENT = "[]";

  /** The path of attribute {@code name} of the object at {@code path}. */
  public static String member(String path, String name) {
    String extended = name.equals(PyJsonToCAst.ELEMENTS) ? path + ELEMENT : path + "." + name;
    return bounded(extended);
  }

  static String bounded(String path) {
    String[] segments = path.split("\\.", -1);
    int elements = path.length() - path.replace(ELEMENT, "").length();
    if (segments.length <= MAX_SEGMENTS && elements <= 2 * ELEMENT.length()) return path;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(segments.length, MAX_SEGMENTS - 1); i++) {
      String segment = segments[i].replace(ELEMENT, "");
      if (segment.equals("*")) break;
      out.append(segment).append('.');
    }
    return out.append('*').toString();
  }
}
