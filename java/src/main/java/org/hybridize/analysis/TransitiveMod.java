package org.hybridize.analysis;

import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.util.intset.BitVectorIntSet;
import com.ibm.wala.util.intset.IntIterator;
import com.ibm.wala.util.intset.MutableMapping;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The locations each call-graph node writes itself or through any callee, computed once for the
 * whole graph: bottom-up over its strongly connected components (Tarjan emits callees' components
 * before their callers'), so every node's set is built from its callees' finished sets instead of
 * being recomputed per node (as {@code ModRef.computeMod} does) or iterated to a fixed point (as
 * {@code CallGraphTransitiveClosure} does). The nodes of one cycle share one set.
 */
final class TransitiveMod {
  private final MutableMapping<PointerKey> keys = MutableMapping.make();
  /** Per node number, its set of key ordinals (shared by the nodes of one cycle). */
  private final BitVectorIntSet[] mod;

  /** {@code direct}: per node, the locations its own instructions write. */
  TransitiveMod(CallGraph cg, Map<CGNode, Collection<PointerKey>> direct) {
    this.mod = new BitVectorIntSet[cg.getMaxNumber() + 1];
    for (List<CGNode> component : componentsCalleesFirst(cg)) {
      BitVectorIntSet set = new BitVectorIntSet();
      for (CGNode n : component) {
        for (PointerKey k : direct.getOrDefault(n, List.of())) set.add(keys.add(k));
        for (Iterator<CGNode> it = cg.getSuccNodes(n); it.hasNext(); ) {
          BitVectorIntSet callee = mod[it.next().getGraphNodeId()];
          if (callee != null) set.addAll(callee); // null: the callee is in this component
        }
      }
      for (CGNode n : component) mod[n.getGraphNodeId()] = set;
    }
  }

  /** Every location {@code n} writes, itself or through its callees. */
  void forEach(CGNode n, Consumer<PointerKey> action) {
    BitVectorIntSet set = mod[n.getGraphNodeId()];
    if (set == null) return;
    for (IntIterator it = set.intIterator(); it.hasNext(); ) action.accept(keys.getMappedObject(it.next()));
  }

  private static List<List<CGNode>> componentsCalleesFirst(CallGraph cg) {
    Tarjan tarjan = new Tarjan(cg);
    for (CGNode root : cg) tarjan.visit(root);
    return tarjan.components;
  }

  /**
   * Tarjan's algorithm without recursion (call chains can be deep). Nodes are indexed by their
   * graph number: hashing a node hashes its whole context.
   */
  private static final class Tarjan {
    private final CallGraph cg;
    /** Per node number, 1 + its depth-first index (0: not visited yet), and its low link. */
    private final int[] index;
    private final int[] low;
    private final boolean[] onStack;
    private int visited;
    private final Deque<CGNode> stack = new ArrayDeque<>();
    /** The depth-first path: each node with the callees it has still to visit. */
    private final Deque<Map.Entry<CGNode, Iterator<CGNode>>> path = new ArrayDeque<>();
    final List<List<CGNode>> components = new ArrayList<>();

    Tarjan(CallGraph cg) {
      this.cg = cg;
      int size = cg.getMaxNumber() + 1;
      this.index = new int[size];
      this.low = new int[size];
      this.onStack = new boolean[size];
    }

    void visit(CGNode root) {
      if (index[root.getGraphNodeId()] != 0) return;
      enter(root);
      while (!path.isEmpty()) {
        int n = path.peek().getKey().getGraphNodeId();
        Iterator<CGNode> callees = path.peek().getValue();
        if (callees.hasNext()) {
          CGNode callee = callees.next();
          int s = callee.getGraphNodeId();
          if (index[s] == 0) enter(callee);
          else if (onStack[s]) low[n] = Math.min(low[n], index[s]);
          continue;
        }
        CGNode done = path.pop().getKey();
        if (!path.isEmpty()) {
          int caller = path.peek().getKey().getGraphNodeId();
          low[caller] = Math.min(low[caller], low[n]);
        }
        if (low[n] == index[n]) components.add(popComponent(done));
      }
    }

    private void enter(CGNode n) {
      int id = n.getGraphNodeId();
      index[id] = low[id] = ++visited;
      stack.push(n);
      onStack[id] = true;
      path.push(Map.entry(n, cg.getSuccNodes(n)));
    }

    private List<CGNode> popComponent(CGNode head) {
      List<CGNode> component = new ArrayList<>();
      CGNode m;
      do {
        m = stack.pop();
        onStack[m.getGraphNodeId()] = false;
        component.add(m);
      } while (m != head);
      return component;
    }
  }
}
