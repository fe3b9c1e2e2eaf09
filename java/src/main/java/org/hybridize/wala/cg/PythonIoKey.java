package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.propagation.AbstractPointerKey;

/**
 * The synthetic location "Python I/O" (the console, files, the logging system, the Python random
 * generator). A call to an API of {@link PythonIoApis} writes it; the API is kept so a report can
 * say what was called. It is never part of the pointer analysis, only of mod sets.
 */
public final class PythonIoKey extends AbstractPointerKey {
  private final String api;

  public PythonIoKey(String api) {
    this.api = api;
  }

  /** The dotted path of the API called ({@code builtins.print}). */
  public String api() {
    return api;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PythonIoKey k && k.api.equals(api);
  }

  @Override
  public int hashCode() {
    return api.hashCode();
  }

  @Override
  public String toString() {
    return "[Python I/O " + api + "]";
  }
}
