package org.hybridize.wala.cast;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is known about the whole project before any module is translated: every module name,
 * the names each module binds at top level (for star imports and for telling module globals from
 * builtins) and a static view of top-level bindings that resolves class bases across modules.
 */
public final class ProjectIndex {
  /** What a module-level name statically denotes, as far as bases and imports need it. */
  public sealed interface Binding {}

  public record ClassBinding(String typeName) implements Binding {}

  public record ModuleBinding(String module) implements Binding {}

  public record LibraryBinding(String dottedName) implements Binding {}

  private final Map<String, PyModuleEntry> modules = new LinkedHashMap<>();
  private final Map<String, Set<String>> topLevelNames = new LinkedHashMap<>();
  private final Map<String, Map<String, Binding>> bindings = new LinkedHashMap<>();
  /** Every dotted prefix of a module name ("a" and "a.b" for "a.b.c"): the namespaces. */
  private final Set<String> packagePrefixes = new HashSet<>();
  private final String rootPackage;

  /** Module name project.py gives a root {@code __init__.py}. */
  public static final String ROOT_MODULE = "__init__";

  /**
   * @param rootPackage the name of the project root directory when it is itself a package
   *     (has an {@code __init__.py}): imports spelled {@code root.x} then mean module {@code x}
   */
  public ProjectIndex(List<PyModuleEntry> entries, String rootPackage) {
    this.rootPackage = rootPackage;
    for (PyModuleEntry e : entries) modules.put(e.moduleName(), e);
    // Attribute reads on modules ask this per read; a scan of all modules would be quadratic.
    for (String m : modules.keySet()) {
      for (int dot = m.indexOf('.'); dot >= 0; dot = m.indexOf('.', dot + 1)) {
        packagePrefixes.add(m.substring(0, dot));
      }
    }
    for (PyModuleEntry e : entries) {
      topLevelNames.put(e.moduleName(), ScopeAnalysis.boundNames(body(e.ast())));
    }
    for (PyModuleEntry e : entries) bindings.put(e.moduleName(), directBindings(e));
  }

  static JsonArray body(JsonObject node) {
    JsonElement b = node.get("body");
    return b != null && b.isJsonArray() ? b.getAsJsonArray() : new JsonArray();
  }

  /** The project's own name for a module spelled {@code dotted} in an absolute import. */
  public String canonical(String dotted) {
    if (rootPackage == null || dotted == null) return dotted;
    if (dotted.equals(rootPackage)) return ROOT_MODULE;
    if (dotted.startsWith(rootPackage + ".")) dotted = dotted.substring(rootPackage.length() + 1);
    if (dotted.startsWith(ROOT_MODULE + ".")) dotted = dotted.substring(ROOT_MODULE.length() + 1);
    return dotted;
  }

  public boolean isModule(String name) {
    return modules.containsKey(canonical(name));
  }

  /** A module or a package that only exists as a directory of project modules. */
  public boolean isModuleOrNamespace(String name) {
    name = canonical(name);
    return modules.containsKey(name) || packagePrefixes.contains(name);
  }

  public PyModuleEntry module(String name) {
    return modules.get(canonical(name));
  }

  /** Names bound at the top level of {@code module}, including names it star-imports. */
  public Set<String> exportedNames(String module) {
    return exportedNames(module, new HashSet<>());
  }

  private Set<String> exportedNames(String module, Set<String> visiting) {
    Set<String> result = new LinkedHashSet<>(topLevelNames.getOrDefault(module, Set.of()));
    if (!visiting.add(module) || !modules.containsKey(module)) return result;
    for (JsonElement s : body(modules.get(module).ast())) {
      JsonObject stmt = s.getAsJsonObject();
      if (isStarImport(stmt)) {
        String from = resolveImport(module, stmt);
        if (from != null && modules.containsKey(from)) {
          for (String n : exportedNames(from, visiting)) if (!n.startsWith("_")) result.add(n);
        }
      }
    }
    return result;
  }

  static boolean isStarImport(JsonObject stmt) {
    if (!"ImportFrom".equals(stmt.get("_").getAsString())) return false;
    JsonArray names = ScopeAnalysis.array(stmt, "names");
    return names.size() == 1 && "*".equals(names.get(0).getAsJsonObject().get("name").getAsString());
  }

  /** The absolute module named by an ImportFrom in {@code module} (relative levels applied). */
  public String resolveImport(String module, JsonObject importFrom) {
    int level = importFrom.has("level") && !importFrom.get("level").isJsonNull()
        ? importFrom.get("level").getAsInt() : 0;
    String target = importFrom.has("module") && !importFrom.get("module").isJsonNull()
        ? importFrom.get("module").getAsString() : null;
    if (level == 0) return canonical(target);
    PyModuleEntry self = modules.get(module);
    String pkg = self != null && self.isPackage() ? module : parentOf(module);
    for (int i = 1; i < level; i++) pkg = parentOf(pkg);
    if (pkg == null) return target;
    if (pkg.isEmpty()) {
      // The top level: the root package when the root directory is one (`from . import x` in
      // a module of it), else the directory itself, whose modules are top-level modules.
      if (target != null) return target;
      return rootPackage != null ? ROOT_MODULE : null;
    }
    return target == null ? pkg : pkg + "." + target;
  }

  private static String parentOf(String module) {
    if (module == null) return null;
    int dot = module.lastIndexOf('.');
    return dot < 0 ? "" : module.substring(0, dot);
  }

  private Map<String, Binding> directBindings(PyModuleEntry e) {
    Map<String, Binding> out = new LinkedHashMap<>();
    String file = e.file();
    for (JsonElement s : body(e.ast())) {
      JsonObject stmt = s.getAsJsonObject();
      switch (stmt.get("_").getAsString()) {
        case "ClassDef" -> {
          if (!stmt.has("name")) break;
          String name = stmt.get("name").getAsString();
          out.put(name, new ClassBinding("Lscript " + file + "/" + name));
        }
        case "Import" -> {
          for (JsonElement a : ScopeAnalysis.array(stmt, "names")) {
            JsonObject alias = a.getAsJsonObject();
            String name = alias.get("name").getAsString();
            String as = alias.has("asname") && !alias.get("asname").isJsonNull()
                ? alias.get("asname").getAsString() : null;
            String bound = as != null ? name : name.split("\\.")[0];
            String key = as != null ? as : bound;
            out.put(key, isModuleOrNamespace(bound) ? new ModuleBinding(canonical(bound)) : new LibraryBinding(bound));
          }
        }
        case "ImportFrom" -> {
          String from = resolveImport(e.moduleName(), stmt);
          if (from == null) break;
          for (JsonElement a : ScopeAnalysis.array(stmt, "names")) {
            JsonObject alias = a.getAsJsonObject();
            String name = alias.get("name").getAsString();
            if (name.equals("*")) continue;
            String as = alias.has("asname") && !alias.get("asname").isJsonNull()
                ? alias.get("asname").getAsString() : name;
            if (isModuleOrNamespace(from + "." + name)) out.put(as, new ModuleBinding(canonical(from + "." + name)));
            else if (isModuleOrNamespace(from)) out.put(as, new ModuleBinding(from + "#" + name));
            else out.put(as, new LibraryBinding(from + "." + name));
          }
        }
        default -> {}
      }
    }
    return out;
  }

  /**
   * Statically resolves a dotted reference {@code parts} starting at a top-level name of {@code
   * module}: a project class (type name), a project module, a library path, or null.
   */
  public Binding resolve(String module, List<String> parts) {
    return resolve(module, parts, 0);
  }

  private Binding resolve(String module, List<String> parts, int depth) {
    if (depth > 20 || parts.isEmpty()) return null;
    Binding b = lookup(module, parts.get(0), depth);
    for (int i = 1; i < parts.size() && b != null; i++) {
      String attr = parts.get(i);
      if (b instanceof ModuleBinding m) {
        String sub = canonical(m.module() + "." + attr);
        b = isModuleOrNamespace(sub) ? new ModuleBinding(sub) : lookup(m.module(), attr, depth + 1);
      } else if (b instanceof LibraryBinding l) {
        b = new LibraryBinding(l.dottedName() + "." + attr);
      } else {
        return null;
      }
    }
    return b;
  }

  private Binding lookup(String module, String name, int depth) {
    if (depth > 20) return null;
    Map<String, Binding> m = bindings.get(module);
    if (m == null) return null;
    Binding b = m.get(name);
    if (b instanceof ModuleBinding mb && mb.module().contains("#")) {
      String[] parts = mb.module().split("#");
      return lookup(parts[0], parts[1], depth + 1);
    }
    if (b == null) {
      for (JsonElement s : body(modules.get(module).ast())) {
        JsonObject stmt = s.getAsJsonObject();
        if (isStarImport(stmt)) {
          String from = resolveImport(module, stmt);
          if (from != null && modules.containsKey(from)) {
            Binding r = lookup(from, name, depth + 1);
            if (r != null) return r;
          } else if (from != null) {
            return null;
          }
        }
      }
    }
    return b;
  }
}
