package org.hybridize.analysis;

import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.cast.ir.ssa.AstPropertyWrite;
import com.ibm.wala.ipa.callgraph.propagation.AllocationSiteInNode;
import com.ibm.wala.ssa.DefUse;
import com.ibm.wala.ssa.IR;
import com.ibm.wala.ssa.ISSABasicBlock;
import com.ibm.wala.ssa.SSACFG;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SSANewInstruction;
import com.ibm.wala.ssa.SymbolTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hybridize.wala.cast.PyJsonToCAst;

/**
 * The elements of a list or tuple display ({@code [[1, 2], [3, 4]]}) in the order the IR stores
 * them: the front end translates a display as a new container followed by one store into its
 * element slot per element. A container whose element stores run in a loop (a comprehension),
 * that takes a starred element, or that is stored into elsewhere, has no fixed length.
 */
final class LiteralDisplays {
  /** Value numbers of the elements, in order; null when the length is not fixed. */
  List<Integer> elements(AllocationSiteInNode allocation) {
    String type = allocation.getConcreteType().getName().toString();
    if (!type.equals("Llist") && !type.equals("Ltuple")) return null;
    IR ir = allocation.getNode().getIR();
    if (ir == null) return null;
    SSANewInstruction created = ir.getNew(allocation.getSite());
    if (created == null) return null;
    int container = created.getDef();
    SymbolTable symbols = ir.getSymbolTable();
    DefUse du = allocation.getNode().getDU();
    List<Integer> elements = new ArrayList<>();
    for (SSAInstruction use : ir.getInstructions()) {
      if (!(use instanceof AstPropertyWrite write) || write.getObjectRef() != container) continue;
      Object member = symbols.isConstant(write.getMemberRef()) ? symbols.getConstantValue(write.getMemberRef()) : null;
      if (PyJsonToCAst.ANY_POSITION.equals(member) || !(member instanceof String)) return null;
      if (!PyJsonToCAst.ELEMENTS.equals(member)) continue;  // a tuple's positional copy
      if (inLoop(ir.getControlFlowGraph(), ir.getBasicBlockForInstruction(write))) return null;
      if (isElementsRead(du.getDef(write.getValue()), symbols)) return null;  // *starred
      elements.add(write.getValue());
    }
    return elements;
  }

  private static boolean isElementsRead(SSAInstruction def, SymbolTable symbols) {
    return def instanceof AstPropertyRead read && symbols.isConstant(read.getMemberRef())
        && PyJsonToCAst.ELEMENTS.equals(symbols.getConstantValue(read.getMemberRef()));
  }

  /** Whether {@code block} can reach itself (it runs in a loop). */
  private static boolean inLoop(SSACFG cfg, ISSABasicBlock block) {
    Deque<ISSABasicBlock> work = new ArrayDeque<>();
    Set<ISSABasicBlock> seen = new HashSet<>();
    cfg.getSuccNodes(block).forEachRemaining(work::add);
    while (!work.isEmpty()) {
      ISSABasicBlock next = work.pop();
      if (next == block) return true;
      if (seen.add(next)) cfg.getSuccNodes(next).forEachRemaining(work::add);
    }
    return false;
  }
}
