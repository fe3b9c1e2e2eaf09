package org.hybridize.engine;

import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.callgraph.propagation.PointsToSetVariable;
import com.ibm.wala.ipa.callgraph.propagation.PropagationSystem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;

/**
 * A diagnostic summary of a (possibly unfinished) pointer analysis: how many abstract objects of
 * each kind it made, which library paths it made most objects for, and its largest points-to
 * sets. Printed to stderr when the system property {@code hybridize.census} is set, to find what
 * makes an analysis grow.
 */
final class PointsToCensus {
  private static final int TOP = 15;

  private PointsToCensus() {}

  static boolean enabled() {
    return System.getProperty("hybridize.census") != null;
  }

  static String of(PropagationSystem system, String label) {
    StringBuilder out = new StringBuilder("== points-to census: ").append(label).append('\n');
    Map<String, Integer> kinds = new HashMap<>();
    Map<String, Integer> paths = new HashMap<>();
    int objects = 0;
    for (int i = 0; ; i++) {
      InstanceKey k;
      try {
        k = system.getInstanceKey(i);
      } catch (RuntimeException e) {
        break;
      }
      if (k == null) break;
      objects++;
      kinds.merge(k.getClass().getSimpleName(), 1, Integer::sum);
      if (k instanceof LibraryObjectKey l) paths.merge(l.path(), 1, Integer::sum);
    }
    out.append("objects: ").append(objects).append(", pointer keys: ")
        .append(system.getNumberOfPointerKeys()).append(", distinct library paths: ")
        .append(paths.size()).append('\n');
    top(out, "objects by kind", kinds);
    top(out, "library objects by path", paths);
    Map<String, Integer> prefixes = new HashMap<>();
    paths.forEach((p, n) -> prefixes.merge(prefix(p), 1, Integer::sum));
    top(out, "distinct library paths by 2-segment prefix", prefixes);
    largestSets(out, system);
    return out.toString();
  }

  private static String prefix(String path) {
    String[] s = path.split("\\.");
    return s.length < 2 ? path : s[0] + "." + s[1];
  }

  private static void top(StringBuilder out, String title, Map<String, Integer> counts) {
    out.append("-- ").append(title).append('\n');
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(TOP)
        .forEach(e -> out.append(String.format("%9d  %s%n", e.getValue(), e.getKey())));
  }

  private static void largestSets(StringBuilder out, PropagationSystem system) {
    List<Map.Entry<PointerKey, Integer>> sizes = new ArrayList<>();
    long total = 0;
    for (Iterator<PointerKey> it = system.iteratePointerKeys(); it.hasNext(); ) {
      PointerKey key = it.next();
      if (system.isImplicit(key)) continue;
      PointsToSetVariable v = system.findOrCreatePointsToSet(key);
      int size = v.getValue() == null ? 0 : v.getValue().size();
      total += size;
      sizes.add(Map.entry(key, size));
    }
    sizes.sort(Comparator.comparing(Map.Entry<PointerKey, Integer>::getValue).reversed());
    out.append("-- largest points-to sets (sum of all sizes ").append(total).append(")\n");
    for (Map.Entry<PointerKey, Integer> e : sizes.subList(0, Math.min(TOP, sizes.size()))) {
      String key = e.getKey().toString();
      out.append(String.format("%9d  %s%n", e.getValue(), key.length() > 200 ? key.substring(0, 200) : key));
    }
    for (Map.Entry<PointerKey, Integer> e : sizes.subList(0, Math.min(3, sizes.size()))) {
      out.append("-- contents of ").append(e.getKey()).append('\n');
      Map<String, Integer> byKind = new HashMap<>();
      PointsToSetVariable v = system.findOrCreatePointsToSet(e.getKey());
      int[] shown = {0};
      v.getValue().foreach(i -> {
        InstanceKey k = system.getInstanceKey(i);
        String desc = k.toString();
        byKind.merge(k.getClass().getSimpleName() + " " + (desc.length() > 90 ? desc.substring(0, 90) : desc), 1, Integer::sum);
      });
      top(out, "members", byKind);
    }
  }
}
