package org.hybridize.wala.cg;

import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;

/**
 * One argument of a call site reaching one formal of a callee node, as the builder bound it
 * (receivers and defaults excluded: no call site passes those). {@code formal} is the Python
 * parameter index (0 = first parameter, {@code self} of a method); {@code actual} the pointer
 * key of the argument: a local of {@code caller}, or what a library API passes to a function it
 * calls back ({@link CallbackArgumentKey}).
 */
public record ArgumentBinding(
    CGNode caller, CallSiteReference site, CGNode callee, int formal, PointerKey actual, Passing passing) {

  /** How the argument reaches the parameter. */
  public enum Passing {
    /** The argument is the parameter's value. */
    DIRECT,
    /** The argument is packed into the {@code *args} tuple or {@code **kwargs} dict parameter. */
    PACKED,
    /** The argument's elements reach the parameter ({@code f(*xs)}, {@code f(**kw)}). */
    UNPACKED
  }
}
