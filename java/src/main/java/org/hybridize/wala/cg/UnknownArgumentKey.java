package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.AbstractPointerKey;
import java.util.Objects;

/**
 * The object a caller the analysis does not see passed as parameter {@code valueNumber} of
 * {@code node} (a function only the analysis root calls, or an argument whose flow starved).
 * Its points-to set is empty, so no instance key names what a write through it changes; this
 * key stands in, so the write still counts as a side effect.
 */
public final class UnknownArgumentKey extends AbstractPointerKey {
  private final CGNode node;
  private final int valueNumber;

  public UnknownArgumentKey(CGNode node, int valueNumber) {
    this.node = node;
    this.valueNumber = valueNumber;
  }

  public CGNode node() {
    return node;
  }

  public int valueNumber() {
    return valueNumber;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownArgumentKey k && k.node.equals(node) && k.valueNumber == valueNumber;
  }

  @Override
  public int hashCode() {
    return Objects.hash(node, valueNumber);
  }

  @Override
  public String toString() {
    return "[unknown argument v" + valueNumber + " of " + node + "]";
  }
}
