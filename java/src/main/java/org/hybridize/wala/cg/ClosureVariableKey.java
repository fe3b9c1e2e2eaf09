package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.AbstractPointerKey;
import java.util.Objects;

/** A variable of an enclosing function's activation ({@code definingNode}) read by a closure. */
public final class ClosureVariableKey extends AbstractPointerKey {
  private final String name;
  private final CGNode definingNode;

  public ClosureVariableKey(String name, CGNode definingNode) {
    this.name = name;
    this.definingNode = definingNode;
  }

  public String name() {
    return name;
  }

  public CGNode definingNode() {
    return definingNode;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClosureVariableKey k && k.name.equals(name) && k.definingNode.equals(definingNode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, definingNode);
  }

  @Override
  public String toString() {
    return "[closure " + name + " of " + definingNode + "]";
  }
}
