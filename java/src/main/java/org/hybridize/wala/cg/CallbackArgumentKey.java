package org.hybridize.wala.cg;

import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.AbstractPointerKey;
import java.util.Objects;

/**
 * What a library API called at {@code site} of {@code node} passes to a function it calls back,
 * when the value is the API's own (a tensor {@code tf.map_fn} slices, a dataset element): not a
 * local of the caller, so the argument binding needs a key of its own.
 */
public final class CallbackArgumentKey extends AbstractPointerKey {
  private final CGNode node;
  private final CallSiteReference site;
  private final String source;

  public CallbackArgumentKey(CGNode node, CallSiteReference site, String source) {
    this.node = node;
    this.site = site;
    this.source = source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallbackArgumentKey k && k.node.equals(node) && k.site.equals(site) && k.source.equals(source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(node, site, source);
  }

  @Override
  public String toString() {
    return "[" + source + " passed back by " + site + " of " + node + "]";
  }
}
