package org.hybridize.analysis;

import com.ibm.wala.cast.ipa.callgraph.ScopeMappingInstanceKeys.ScopeMappingInstanceKey;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.AllocationSiteInNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ssa.IR;
import com.ibm.wala.ssa.SSACFG;
import java.util.HashMap;
import java.util.Map;
import org.hybridize.wala.cg.PyObjectKeys.CallSiteAllocation;
import org.hybridize.wala.ir.PyTypes;

/**
 * Whether code may run more than once in one process, read from the IR of its call-graph node:
 * a function's body runs at every call, so all of it may; a module's top-level code runs once,
 * on import, except what lies in one of its loops ({@link NaturalLoops}: for, while,
 * comprehensions). A class body is translated into the code defining the class, so it counts as
 * that code.
 */
public final class RepeatedCode {
  private final Map<IMethod, NaturalLoops> moduleLoops = new HashMap<>();

  /** Whether the object's allocation site may run more than once; null when it has no site. */
  public Boolean allocationMayRepeat(InstanceKey key) {
    if (key instanceof ScopeMappingInstanceKey smik) key = smik.getBase();
    if (key instanceof AllocationSiteInNode a) return mayRepeat(a.getNode(), a.getSite().getProgramCounter());
    if (key instanceof CallSiteAllocation c && c.creator() != null) {
      return mayRepeat(c.creator(), c.site().getProgramCounter());
    }
    return null;
  }

  /** Whether the instruction at {@code pc} of {@code node} may run more than once. */
  public boolean mayRepeat(CGNode node, int pc) {
    IR ir = node.getIR();
    if (!isModule(node) || ir == null || pc < 0 || pc >= ir.getInstructions().length) return true;
    SSACFG cfg = ir.getControlFlowGraph();
    NaturalLoops loops = moduleLoops.computeIfAbsent(node.getMethod(), m -> new NaturalLoops(cfg));
    return loops.inLoop(cfg.getBlockForInstruction(pc));
  }

  /** Whether the node runs a module's top-level code. */
  public static boolean isModule(CGNode node) {
    var superclass = node.getMethod().getDeclaringClass().getSuperclass();
    return superclass != null && superclass.getReference().equals(PyTypes.SCRIPT);
  }
}
