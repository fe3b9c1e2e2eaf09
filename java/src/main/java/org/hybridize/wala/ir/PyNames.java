package org.hybridize.wala.ir;

/** Maps WALA type names of project code to Python dotted qualified names and back. */
public final class PyNames {
  private PyNames() {}

  public static final String SCRIPT_PREFIX = "Lscript ";

  /** {@code Lscript pkg/mod.py/C/f} -> {@code pkg/mod.py}, or null if not project code. */
  public static String fileOf(String typeName) {
    if (!typeName.startsWith(SCRIPT_PREFIX)) return null;
    String rest = typeName.substring(SCRIPT_PREFIX.length());
    int py = rest.indexOf(".py");
    return py < 0 ? rest : rest.substring(0, py + 3);
  }

  /** The lexical path inside the file ("C/f"), empty for the module itself. */
  public static String pathOf(String typeName) {
    String file = fileOf(typeName);
    if (file == null) return null;
    String rest = typeName.substring(SCRIPT_PREFIX.length() + file.length());
    return rest.startsWith("/") ? rest.substring(1) : rest;
  }

  /** Module name of a project file: {@code pkg/__init__.py} -> {@code pkg}. */
  public static String moduleOf(String file) {
    String stem = file.endsWith(".py") ? file.substring(0, file.length() - 3) : file;
    if (stem.endsWith("/__init__")) stem = stem.substring(0, stem.length() - "/__init__".length());
    else if (stem.equals("__init__")) return "__init__";
    return stem.replace('/', '.');
  }

  /** {@code Lscript pkg/mod.py/C/f} -> {@code pkg.mod.C.f}; null if not project code. */
  public static String qualifiedName(String typeName) {
    String file = fileOf(typeName);
    if (file == null) return null;
    String path = pathOf(typeName);
    String module = moduleOf(file);
    return path.isEmpty() ? module : module + "." + path.replace('/', '.');
  }
}
