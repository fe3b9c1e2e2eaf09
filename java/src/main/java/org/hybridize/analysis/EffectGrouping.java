package org.hybridize.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hybridize.analysis.LocationDescriber.ObjectWords;
import org.hybridize.analysis.LocationDescriber.Words;
import org.hybridize.analysis.SideEffects.Effect;

/**
 * One effect per statement and location written: a statement such as {@code self.size = n}
 * writes attribute {@code size} of every object {@code self} may be (one per allocation site,
 * and one of an unknown caller), and a person wants to read it once, with the objects listed:
 * "attribute `size` of a `Box` object allocated at shapes.py:23 or shapes.py:33, or of an
 * unknown caller".
 */
final class EffectGrouping {
  private EffectGrouping() {}

  /** A location written at a statement, reached through the callees {@code via}. */
  record Write(String file, SourceRange range, List<String> via, Words words) {}

  private record Statement(String file, SourceRange range, List<String> via, String location) {}

  /** The writes grouped by statement, chain and location, in a total order. */
  static List<Effect> group(Collection<Write> writes) {
    Map<Statement, List<ObjectWords>> owners = new LinkedHashMap<>();
    for (Write w : writes) {
      Statement s = new Statement(w.file(), w.range(), w.via(), w.words().location());
      List<ObjectWords> objects = owners.computeIfAbsent(s, k -> new ArrayList<>());
      if (w.words().owner() != null) objects.add(w.words().owner());
    }
    List<Effect> out = new ArrayList<>();
    owners.forEach((s, objects) -> out.add(new Effect(s.file(), s.range(), what(s.location(), objects), s.via())));
    out.sort(
        Comparator.comparingInt((Effect e) -> e.via().size())
            .thenComparing(Effect::file)
            .thenComparing(Effect::range)
            .thenComparing(Effect::what)
            .thenComparing(e -> String.join(" ", e.via())));
    return out;
  }

  private static String what(String location, List<ObjectWords> objects) {
    if (objects.isEmpty()) return location;
    // Per kind of object, where such objects were made.
    Map<String, TreeSet<String>> sites = new TreeMap<>();
    Map<String, Boolean> unknownCaller = new TreeMap<>();
    for (ObjectWords o : objects) {
      TreeSet<String> at = sites.computeIfAbsent(o.type(), k -> new TreeSet<>(SITE_ORDER));
      if (o.site() != null) at.add(o.site());
      unknownCaller.merge(o.type(), o.unknownCaller(), Boolean::logicalOr);
    }
    List<String> parts = new ArrayList<>();
    sites.forEach((type, at) -> parts.add(objectsOf(type, at, unknownCaller.get(type))));
    return location + " of " + String.join("; or of ", parts);
  }

  private static String objectsOf(String type, Collection<String> sites, boolean unknownCaller) {
    if (sites.isEmpty()) return new ObjectWords(type, null, unknownCaller).text();
    String allocated = type + " allocated at " + orList(new ArrayList<>(sites));
    return unknownCaller ? allocated + ", or of an unknown caller" : allocated;
  }

  /** {@code a}, {@code a or b}, {@code a, b or c}. */
  private static String orList(List<String> items) {
    if (items.size() == 1) return items.get(0);
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  /** {@code file:line} by file, then by line as a number ({@code a.py:9} before {@code a.py:10}). */
  private static final Comparator<String> SITE_ORDER =
      Comparator.comparing((String site) -> site.contains(":") ? site.substring(0, site.lastIndexOf(':')) : site)
          .thenComparingInt(site -> site.contains(":") ? Integer.parseInt(site.substring(site.lastIndexOf(':') + 1)) : 0)
          .thenComparing(Comparator.naturalOrder());
}
