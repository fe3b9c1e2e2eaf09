package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.CGNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Bounds how many library paths one instruction makes. An attribute read or call on a points-to
 * set of N library objects makes N new objects, one per path; where a program merges many
 * values (a recursive configuration merge, a generic helper in 0-CFA), the new objects flow back
 * into the same set and every operation multiplies it: on OpenNMT-tf 0-CFA made 130,000 library
 * objects and points-to sets of 10,000 before the heap ran out. Past {@link #limit} distinct
 * paths, an instruction's further paths collapse into one per library root ({@code
 * tensorflow.*.items}, the attribute or method name kept for the API model): the objects an
 * analysis makes then grow linearly with the program's instructions.
 */
public final class PathFanout {
  /** Distinct paths per instruction before the rest collapse; measured on real projects. */
  public static final int DEFAULT_LIMIT = 16;
  /** The coarse rung's limit: one path per instruction and root. */
  public static final int COARSE_LIMIT = 1;

  private record Operation(CGNode node, int pc, boolean call) {}

  private final Map<Operation, Set<String>> seen = new HashMap<>();
  private int limit = DEFAULT_LIMIT;
  private int collapsed;

  void setLimit(int limit) {
    this.limit = limit;
  }

  /** How many paths were collapsed (for diagnostics). */
  public int collapsed() {
    return collapsed;
  }

  /** {@code path} as the result of the read ({@code call} false) or call at {@code pc} of {@code node}. */
  String bound(CGNode node, int pc, boolean call, String path) {
    Set<String> paths = seen.computeIfAbsent(new Operation(node, pc, call), k -> new HashSet<>(4));
    if (paths.contains(path)) return path;
    if (paths.size() < limit) {
      paths.add(path);
      return path;
    }
    collapsed++;
    return collapse(path);
  }

  /**
   * {@code root.*.name}, {@code root.*[]} or {@code root.*}: any object of library {@code root},
   * reached through member {@code name} or as an element. The source's own path is dropped, so
   * one instruction collapses to one path per root and step, however many paths reach it (the
   * element steps of {@code x[i]} once kept the source's last name: {@code tensorflow.*.get[]},
   * {@code tensorflow.*.pop[][]}, ... one object each, on OpenNMT-tf hundreds per instruction).
   */
  static String collapse(String path) {
    int end = path.length();
    for (char c : new char[] {'.', '['}) {
      int at = path.indexOf(c);
      if (at >= 0) end = Math.min(end, at);
    }
    String root = path.substring(0, end);
    if (end == path.length()) return path;
    if (path.endsWith(LibraryPaths.ELEMENT)) return root + ".*" + LibraryPaths.ELEMENT;
    String name = path.substring(path.lastIndexOf('.') + 1).replace(LibraryPaths.ELEMENT, "");
    return name.equals("*") || path.lastIndexOf('.') < end ? root + ".*" : root + ".*." + name;
  }
}
