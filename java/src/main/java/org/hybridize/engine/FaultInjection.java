package org.hybridize.engine;

import java.util.Arrays;

/**
 * Fault injection, to test that one failing analysis does not cost the whole report: {@code
 * -Dhybridize.failFact=side_effects,stale_reads} makes those fact queries throw (their Python
 * names: parameter_values, input_signatures, side_effects, stale_reads, tensor_computations,
 * tensor_iterations, function_object_uses), {@code -Dhybridize.failRung=1-cfa} makes that rung of
 * the {@link CallGraphLadder} throw while it builds. Unset (always, outside tests): no effect.
 */
final class FaultInjection {
  static final String FACT_PROPERTY = "hybridize.failFact";
  static final String RUNG_PROPERTY = "hybridize.failRung";

  private FaultInjection() {}

  /** Throws when {@code -Dhybridize.failFact} names {@code fact}. */
  static void fact(String fact) {
    check(FACT_PROPERTY, fact);
  }

  /** Throws when {@code -Dhybridize.failRung} names {@code rung}. */
  static void rung(String rung) {
    check(RUNG_PROPERTY, rung);
  }

  private static void check(String property, String name) {
    String named = System.getProperty(property);
    if (named != null && Arrays.asList(named.split(",")).contains(name)) {
      throw new IllegalStateException("fault injected by -D" + property + "=" + named);
    }
  }
}
