package org.hybridize.wala.ir;

import com.ibm.wala.cast.ir.ssa.AstInstructionVisitor;

/** Visitor for the Python-specific instructions. */
public interface PyInstructionVisitor extends AstInstructionVisitor {
  default void visitPyInvoke(PyInvokeInstruction instruction) {}

  default void visitPyObjectRef(PyObjectRefInstruction instruction) {}

  default void visitPySuper(PySuperInstruction instruction) {}
}
