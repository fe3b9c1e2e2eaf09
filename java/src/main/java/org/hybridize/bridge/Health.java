package org.hybridize.bridge;

import com.ibm.wala.ipa.callgraph.AnalysisScope;
import com.ibm.wala.types.ClassLoaderReference;

/**
 * Proves, from Python, that the bridge is up and WALA's classes load: builds an (empty) analysis
 * scope and class hierarchy and reports what it saw.
 */
public final class Health {
  private Health() {}

  /** WALA's version as recorded in its jar manifest, or "unknown" when the manifest has none. */
  public static String walaVersion() {
    String v = AnalysisScope.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  /** Builds WALA's default (empty) Java analysis scope and returns how many loaders it names. */
  public static int emptyScopeLoaderCount() {
    return AnalysisScope.createJavaAnalysisScope().getLoaders().size();
  }

  /** The application loader's name, as WALA spells it; used to check the jars are WALA's own. */
  public static String applicationLoaderName() {
    return ClassLoaderReference.Application.getName().toString();
  }
}
