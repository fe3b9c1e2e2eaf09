package org.hybridize.analysis;

import com.ibm.wala.ssa.ISSABasicBlock;
import com.ibm.wala.ssa.SSACFG;
import com.ibm.wala.util.graph.dominators.Dominators;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The natural loops of a control-flow graph: for each back edge {@code tail -> header} (the
 * header dominates the tail), the blocks reaching the tail without passing the header. The
 * front end lowers {@code for}, {@code while} and comprehensions (generator expressions
 * included) to CAst loops, so these are the source's loops.
 */
public final class NaturalLoops {
  private final List<Set<ISSABasicBlock>> loops = new ArrayList<>();

  public NaturalLoops(SSACFG cfg) {
    Dominators<ISSABasicBlock> dominators = Dominators.make(cfg, cfg.entry());
    for (ISSABasicBlock tail : cfg) {
      for (ISSABasicBlock header : (Iterable<ISSABasicBlock>) () -> cfg.getSuccNodes(tail)) {
        if (dominators.isDominatedBy(tail, header)) loops.add(naturalLoop(cfg, header, tail));
      }
    }
  }

  /** The blocks of the smallest loop holding {@code block}; empty when it is in no loop. */
  public Set<ISSABasicBlock> innermost(ISSABasicBlock block) {
    Set<ISSABasicBlock> smallest = Set.of();
    for (Set<ISSABasicBlock> loop : loops) {
      if (loop.contains(block) && (smallest.isEmpty() || loop.size() < smallest.size())) smallest = loop;
    }
    return smallest;
  }

  /** Whether {@code block} is in some loop. */
  public boolean inLoop(ISSABasicBlock block) {
    for (Set<ISSABasicBlock> loop : loops) {
      if (loop.contains(block)) return true;
    }
    return false;
  }

  private static Set<ISSABasicBlock> naturalLoop(SSACFG cfg, ISSABasicBlock header, ISSABasicBlock tail) {
    Set<ISSABasicBlock> loop = new HashSet<>(Set.of(header));
    Deque<ISSABasicBlock> pending = new ArrayDeque<>();
    if (loop.add(tail)) pending.push(tail);
    while (!pending.isEmpty()) {
      ISSABasicBlock current = pending.pop();
      for (ISSABasicBlock predecessor : (Iterable<ISSABasicBlock>) () -> cfg.getPredNodes(current)) {
        if (loop.add(predecessor)) pending.push(predecessor);
      }
    }
    return loop;
  }
}
