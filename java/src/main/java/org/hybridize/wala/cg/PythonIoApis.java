package org.hybridize.wala.cg;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The library APIs whose calls are Python I/O or change Python state outside the program, as
 * {@code python_effects} of the API model {@code hybridize/models/tensorflow.json} lists them
 * (the build bundles that file in the jar; the syntactic analysis reads the same list). A pattern
 * {@code p} matches the API {@code p}, and {@code p.*} also every API below {@code p}; {@code
 * open.*} matches the file object's methods too ({@code open.write}, {@code
 * open.__enter__.write}), because the front end names a library call's result by the API that
 * made it. Protocol calls ({@code __enter__}, {@code __exit__} of {@code with open(...)}) are not
 * counted again. TensorFlow APIs ({@code tensorflow.print}) are deliberately absent: they change
 * graph state.
 */
public final class PythonIoApis {
  private PythonIoApis() {}

  /** Where the build puts the API model in the jar (java/pom.xml). */
  static final String MODEL = "/hybridize/models/tensorflow.json";

  private static final String BUILTINS = "builtins.";

  /** The model's lists, read on first use. */
  private static final class Model {
    static final JsonObject EFFECTS = load().getAsJsonObject("python_effects");
    static final List<String> IO = strings(EFFECTS.getAsJsonArray("functions"));
    static final Set<String> ATTRIBUTE_SETTERS = Set.copyOf(strings(EFFECTS.getAsJsonArray("attribute_setters")));

    private static JsonObject load() {
      try (InputStream in = PythonIoApis.class.getResourceAsStream(MODEL)) {
        if (in == null) throw new IllegalStateException("the jar lacks " + MODEL + ": rebuild it with scripts/fetch_wala.sh");
        return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static List<String> strings(JsonArray array) {
      List<String> out = new ArrayList<>();
      array.forEach(e -> out.add(e.getAsString()));
      return List.copyOf(out);
    }
  }

  /** The I/O patterns, as the model lists them. */
  public static List<String> patterns() {
    return Model.IO;
  }

  /** {@code setattr(o, "name", v)} and the like: the call writes attribute {@code name} of {@code o}. */
  public static boolean isAttributeSetter(String api) {
    return Model.ATTRIBUTE_SETTERS.contains(shortName(api));
  }

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
    for (String p : Model.IO) {
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
