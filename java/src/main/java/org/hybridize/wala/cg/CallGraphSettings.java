package org.hybridize.wala.cg;

/**
 * Knobs of call-graph construction.
 *
 * @param context context sensitivity: {@code "0-cfa"} (context-insensitive) or {@code "1-cfa"}
 *     (one call-site of call string)
 * @param lexicalRefresh work around wala/WALA#1990: re-resolve lexical (closure) variables when
 *     new closure objects reach a function. Only tests turn it off.
 */
public record CallGraphSettings(String context, boolean lexicalRefresh) {
  public static final String ZERO_CFA = "0-cfa";
  public static final String ONE_CFA = "1-cfa";

  public CallGraphSettings {
    if (!context.equals(ZERO_CFA) && !context.equals(ONE_CFA)) {
      throw new IllegalArgumentException("unknown context sensitivity " + context + " (use 0-cfa or 1-cfa)");
    }
  }
}
