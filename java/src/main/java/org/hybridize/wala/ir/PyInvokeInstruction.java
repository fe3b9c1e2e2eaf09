package org.hybridize.wala.ir;

import com.ibm.wala.cast.ir.ssa.MultiReturnValueInvokeInstruction;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SSAInstructionFactory;
import com.ibm.wala.ssa.SymbolTable;
import org.hybridize.wala.cast.CallShape;

/**
 * A Python call: use 0 is the callee object, the rest are arguments laid out by {@link
 * CallShape}. Dispatch happens on the callee's points-to set (function, bound method, class,
 * library object...), see the call-graph builder.
 */
public class PyInvokeInstruction extends MultiReturnValueInvokeInstruction {
  private final int function;
  private final int[] arguments;
  private final CallShape shape;

  public PyInvokeInstruction(
      int iindex,
      int function,
      int result,
      int[] arguments,
      int exception,
      CallSiteReference site,
      CallShape shape) {
    super(iindex, new int[] {result}, exception, site);
    this.function = function;
    this.arguments = arguments;
    this.shape = shape;
    assert shape.argumentCount() == arguments.length : shape + " vs " + arguments.length;
  }

  public CallShape getShape() {
    return shape;
  }

  public int getFunction() {
    return function;
  }

  /** Value number of argument {@code i} (0-based, without the callee). */
  public int getArgument(int i) {
    return arguments[i];
  }

  @Override
  public SSAInstruction copyForSSA(SSAInstructionFactory insts, int[] defs, int[] uses) {
    int fn = function;
    int[] args = arguments;
    if (uses != null) {
      fn = uses[0];
      args = new int[arguments.length];
      System.arraycopy(uses, 1, args, 0, args.length);
    }
    int result = results[0];
    int exc = exception;
    if (defs != null) {
      result = defs[0];
      exc = defs[1];
    }
    return new PyInvokeInstruction(iIndex(), fn, result, args, exc, site, shape);
  }

  @Override
  public int getNumberOfUses() {
    return getNumberOfPositionalParameters();
  }

  @Override
  public int getNumberOfPositionalParameters() {
    return arguments.length + 1;
  }

  @Override
  public int getUse(int j) {
    if (j == 0) return function;
    if (j <= arguments.length) return arguments[j - 1];
    return super.getUse(j);
  }

  @Override
  public String toString(SymbolTable symbolTable) {
    StringBuilder s = new StringBuilder();
    s.append(getValueString(symbolTable, getReturnValue(0))).append(" = call ");
    s.append(getValueString(symbolTable, function)).append('@').append(site.getProgramCounter());
    s.append('(');
    for (int i = 0; i < arguments.length; i++) {
      if (i > 0) s.append(", ");
      int k = i - shape.positional();
      if (k >= 0 && k < shape.keywords().size()) s.append(shape.keywords().get(k)).append('=');
      else if (i == shape.starArgsIndex()) s.append('*');
      else if (i == shape.starKwargsIndex()) s.append("**");
      s.append(getValueString(symbolTable, arguments[i]));
    }
    s.append(')');
    if (shape.decorator()) s.append(" decorator");
    s.append(" exception:").append(getValueString(symbolTable, exception));
    return s.toString();
  }

  @Override
  public void visit(IVisitor v) {
    if (v instanceof PyInstructionVisitor) ((PyInstructionVisitor) v).visitPyInvoke(this);
  }

  @Override
  public int hashCode() {
    return site.hashCode() * 7919 + function;
  }
}
