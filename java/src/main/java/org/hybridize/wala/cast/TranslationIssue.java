package org.hybridize.wala.cast;

/**
 * A construct the front end could not translate exactly (or at all), with where it is.
 *
 * @param moduleLost the whole module is missing from the analysis (its translation crashed);
 *     otherwise only the construct at {@code line} was approximated
 */
public record TranslationIssue(String file, int line, String message, boolean moduleLost) {

  /** A construct translated conservatively; the rest of the module is analysed. */
  public TranslationIssue(String file, int line, String message) {
    this(file, line, message, false);
  }
}
