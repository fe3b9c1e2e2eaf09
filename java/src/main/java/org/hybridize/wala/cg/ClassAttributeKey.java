package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.propagation.AbstractPointerKey;
import java.util.Objects;
import org.hybridize.wala.ir.PyClassType;

/**
 * The value of a class attribute ({@code C.x}, methods included). Class attributes are keyed by
 * the class, not by a class-object allocation, so lookups along the MRO need no points-to
 * query. Writes to it are side effects on the class.
 */
public final class ClassAttributeKey extends AbstractPointerKey {
  private final PyClassType owner;
  private final String name;

  public ClassAttributeKey(PyClassType owner, String name) {
    this.owner = owner;
    this.name = name;
  }

  public PyClassType owner() {
    return owner;
  }

  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassAttributeKey k && k.owner.equals(owner) && k.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(owner, name);
  }

  @Override
  public String toString() {
    return "[" + owner.getName() + "." + name + "]";
  }
}
