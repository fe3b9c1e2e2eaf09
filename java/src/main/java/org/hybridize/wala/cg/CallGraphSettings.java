package org.hybridize.wala.cg;

/**
 * Knobs of call-graph construction.
 *
 * @param context context sensitivity: {@code "0-cfa"} (context-insensitive) or {@code "1-cfa"}
 *     (one call-site of call string)
 * @param lexicalRefresh work around wala/WALA#1990: re-resolve lexical (closure) variables when
 *     new closure objects reach a function. Only tests turn it off.
 * @param rootAllFunctions besides every module body, also call every module-level function and
 *     every method of a module-level class from the root (with unknown arguments; methods on an
 *     instance whose {@code __init__} ran), so functions the project never calls itself (APIs,
 *     code called only from tests) still get a call-graph node.
 * @param libraryCallbacks a library call the model's {@code callbacks} section does not list calls
 *     the project functions passed to it (with unknown arguments), e.g. {@code sorted(key=fn)};
 *     APIs known not to call their arguments are listed in the {@link LibraryModel}. The listed
 *     higher-order APIs ({@link HigherOrderApi}) always call theirs.
 */
public record CallGraphSettings(
    String context, boolean lexicalRefresh, boolean rootAllFunctions, boolean libraryCallbacks) {
  public static final String ZERO_CFA = "0-cfa";
  public static final String ONE_CFA = "1-cfa";

  public CallGraphSettings {
    if (!context.equals(ZERO_CFA) && !context.equals(ONE_CFA)) {
      throw new IllegalArgumentException("unknown context sensitivity " + context + " (use 0-cfa or 1-cfa)");
    }
  }
}
