package org.hybridize.wala.cg;

import com.ibm.wala.cast.ipa.callgraph.ScopeMappingInstanceKeys.ScopeMappingInstanceKey;
import com.ibm.wala.cast.ir.ssa.AstIRFactory;
import com.ibm.wala.cast.ir.ssa.AstLexicalAccess.Access;
import com.ibm.wala.cast.loader.AstMethod.LexicalInformation;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ssa.DefUse;
import com.ibm.wala.ssa.IRView;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.util.collections.Pair;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;

/**
 * Lexical reads and writes of closure variables, resolved against every closure that ever
 * reaches the function: our workaround for wala/WALA#1990 (see {@link
 * CallGraphSettings#lexicalRefresh()}).
 */
final class ClosureAccesses extends NodeConstraints {
  ClosureAccesses(PyConstraintVisitor visitor) {
    super(visitor);
  }

  /**
   * WALA 1.6.12 resolves the defining activations of a closure variable once, from the
   * closure's points-to set at that moment (wala/WALA#1990), so closures that reach a function
   * later are lost. Here the resolution is an operator on the closure's points-to set (value
   * 1), re-run whenever a new closure object arrives.
   */
  void lexicalAccess(Access[] accesses, boolean isRead) {
    for (Access access : accesses) {
      Pair<String, String> name = Pair.make(access.variableName, access.variableDefiner);
      Set<CGNode> done = new LinkedHashSet<>();
      Consumer<CGNode> connect = definer -> {
        if (!done.add(definer)) return;
        PointerKey variable = closureVariable(access.variableName, access.variableDefiner, definer);
        if (variable == null) return;
        if (isRead) flow(getPointerKeyForLocal(access.valueNumber), variable);
        else flowLocalInto(variable, access.valueNumber);
      };
      if (access.variableDefiner == null) continue;
      if (py.sameMethod(node, access.variableDefiner)) {
        connect.accept(node);
        continue;
      }
      forEachObject(py.getPointerKeyForLocal(node, 1), "closure " + access.variableName, closure -> {
        if (closure instanceof ScopeMappingInstanceKey smik) {
          for (Iterator<CGNode> it = smik.getFunargNodes(name); it.hasNext(); ) connect.accept(it.next());
        }
      });
    }
  }

  /** The variable {@code name} of activation {@code definer}: its value at exit of definer. */
  private PointerKey closureVariable(String name, String definerName, CGNode definer) {
    ClosureVariableKey key = new ClosureVariableKey(name, definer);
    if (!(definer.getIR() instanceof AstIRFactory.AstIR ir)) return key;
    LexicalInformation info = ir.lexicalInfo();
    Pair<String, String>[] names = info.getExposedNames();
    for (int i = 0; i < names.length; i++) {
      if (name.equals(names[i].fst) && definerName.equals(names[i].snd)) {
        int vn = info.getExitExposedUses()[i];
        if (vn > 0) {
          IRView defIr = py.getCFAContextInterpreter().getIRView(definer);
          DefUse defDu = py.getCFAContextInterpreter().getDU(definer);
          SymbolTable st = defIr.getSymbolTable();
          if (visitor.isInvariant(st, defDu, vn)) {
            for (InstanceKey k : visitor.invariantContents(st, defDu, definer, vn)) {
              if (k != null) system.newConstraint(key, k);
            }
          } else {
            flow(key, py.getPointerKeyForLocal(definer, vn));
          }
        }
      }
    }
    return key;
  }
}
