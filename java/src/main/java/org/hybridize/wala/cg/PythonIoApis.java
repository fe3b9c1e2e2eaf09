package org.hybridize.wala.cg;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The library APIs whose calls are Python I/O or change Python state outside the program: the
 * {@code python_effects.functions} of {@code hybridize/models/tensorflow.json}. A pattern {@code
 * p} matches the API {@code p}, and {@code p.*} also every API below {@code p}; {@code open}
 * matches the file object's methods too ({@code open.write}, {@code open.__enter__.write}),
 * because the front end names a library call's result by the API that made it. Protocol calls
 * ({@code __enter__}, {@code __exit__} of {@code with open(...)}) are not counted again.
 * TensorFlow APIs ({@code tensorflow.print}) are deliberately absent: they change graph state.
 */
public final class PythonIoApis {
  private PythonIoApis() {}

  private static final String BUILTINS = "builtins.";

  private static final List<String> PATTERNS =
      List.of(
          "print", "input", "open.*", "exec", "logging.*", "warnings.warn", "sys.stdout.*",
          "sys.stderr.*", "os.remove", "os.unlink", "os.makedirs", "os.mkdir", "os.rename",
          "os.system", "shutil.*", "pickle.dump", "json.dump", "random.*", "numpy.save",
          "numpy.savetxt", "numpy.random.*");

  /**
   * The API as a person writes it: builtins lose their module ({@code builtins.print → print}),
   * protocol steps are dropped ({@code builtins.open.__enter__.write → open.write}).
   */
  public static String shortName(String api) {
    String name = api.startsWith(BUILTINS) ? api.substring(BUILTINS.length()) : api;
    return PROTOCOL_STEP.matcher(name).replaceAll("");
  }

  private static final Pattern PROTOCOL_STEP = Pattern.compile("\\.__\\w+__(?=\\.)");

  /** Answers per API, kept: a project calls few distinct APIs from many sites and contexts. */
  private static final Map<String, Boolean> IS_IO = new ConcurrentHashMap<>();

  public static boolean isIo(String api) {
    return IS_IO.computeIfAbsent(api, PythonIoApis::matches);
  }

  private static boolean matches(String api) {
    if (api.substring(api.lastIndexOf('.') + 1).startsWith("__")) return false;
    String name = shortName(api);
    for (String p : PATTERNS) {
      if (p.endsWith(".*")) {
        String prefix = p.substring(0, p.length() - 2);
        if (name.equals(prefix) || name.startsWith(prefix + ".")) return true;
      } else if (name.equals(p)) {
        return true;
      }
    }
    return false;
  }
}
