package org.hybridize.wala.ir;

import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SSAInstructionFactory;
import com.ibm.wala.ssa.SymbolTable;

/**
 * Defines a value as a well-known object that no allocation in the project creates: a project
 * module ({@link Kind#MODULE}, name = dotted module name) or an object outside the project
 * ({@link Kind#LIBRARY}, name = dotted API path such as {@code tensorflow.math} or {@code
 * builtins.print}). The call-graph builder maps it to a singleton instance key.
 */
public class PyObjectRefInstruction extends PySingleDefInstruction {
  public enum Kind {
    MODULE,
    LIBRARY
  }

  private final Kind kind;
  private final String name;

  public PyObjectRefInstruction(int iindex, int result, Kind kind, String name) {
    super(iindex, result);
    this.kind = kind;
    this.name = name;
  }

  public Kind getKind() {
    return kind;
  }

  public String getName() {
    return name;
  }

  @Override
  public SSAInstruction copyForSSA(SSAInstructionFactory insts, int[] defs, int[] uses) {
    return new PyObjectRefInstruction(iIndex(), defs == null ? result : defs[0], kind, name);
  }

  @Override
  public String toString(SymbolTable symbolTable) {
    return getValueString(symbolTable, result) + " = " + kind.name().toLowerCase() + " " + name;
  }

  @Override
  public void visit(IVisitor v) {
    if (v instanceof PyInstructionVisitor) ((PyInstructionVisitor) v).visitPyObjectRef(this);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + result;
  }
}
