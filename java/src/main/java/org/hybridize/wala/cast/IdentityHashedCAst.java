package org.hybridize.wala.cast;

import com.ibm.wala.cast.tree.CAstNode;
import com.ibm.wala.cast.tree.impl.CAstImpl;
import java.util.List;

/**
 * WALA's CAst node factory with nodes hashed by identity. WALA's nodes are equal only to
 * themselves, but hash by their kind and their children's kinds, so every element store of a
 * list literal, or every {@code def} of a module body, lands in one hash bucket of the IR
 * translator's per-node maps: translation was quadratic in the number of alike nodes of one
 * function or module (a 40,000-item list literal: about a minute; 400,000: no result). Identity
 * hashing agrees with the identity equality and keeps each lookup constant.
 */
public final class IdentityHashedCAst extends CAstImpl {
  @Override
  public CAstNode makeNode(int kind, List<CAstNode> children) {
    return new Node(kind, children);
  }

  private static final class Node extends CAstImpl.CAstNodeImpl {
    Node(int kind, List<CAstNode> children) {
      super(kind, children);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }
  }
}
