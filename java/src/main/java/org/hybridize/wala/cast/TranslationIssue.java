package org.hybridize.wala.cast;

/** A construct the front end could not translate exactly (or at all), with where it is. */
public record TranslationIssue(String file, int line, String message) {}
