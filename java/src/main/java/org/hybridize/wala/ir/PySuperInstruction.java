package org.hybridize.wala.ir;

import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SSAInstructionFactory;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.types.TypeReference;

/**
 * {@code result = super()} inside a method of {@code enclosingClass}, with the method's first
 * parameter ({@code self}) as use 0. Attribute reads on the result search the MRO of the
 * receiver's class after {@code enclosingClass}.
 */
public class PySuperInstruction extends PySingleDefInstruction {
  private final int self;
  private final TypeReference enclosingClass;

  public PySuperInstruction(int iindex, int result, int self, TypeReference enclosingClass) {
    super(iindex, result);
    this.self = self;
    this.enclosingClass = enclosingClass;
  }

  public TypeReference getEnclosingClass() {
    return enclosingClass;
  }

  @Override
  public SSAInstruction copyForSSA(SSAInstructionFactory insts, int[] defs, int[] uses) {
    return new PySuperInstruction(
        iIndex(), defs == null ? result : defs[0], uses == null ? self : uses[0], enclosingClass);
  }

  @Override
  public String toString(SymbolTable symbolTable) {
    return getValueString(symbolTable, result)
        + " = super("
        + enclosingClass.getName()
        + ", "
        + getValueString(symbolTable, self)
        + ")";
  }

  @Override
  public void visit(IVisitor v) {
    if (v instanceof PyInstructionVisitor) ((PyInstructionVisitor) v).visitPySuper(this);
  }

  @Override
  public int getNumberOfUses() {
    return 1;
  }

  @Override
  public int getUse(int j) {
    assert j == 0;
    return self;
  }

  @Override
  public int hashCode() {
    return enclosingClass.hashCode() * 17 + result;
  }
}
