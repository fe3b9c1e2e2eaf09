package org.hybridize.wala.ir;

import com.ibm.wala.ssa.SSAInstruction;

/** A Python instruction defining exactly one value and never throwing by itself. */
abstract class PySingleDefInstruction extends SSAInstruction {
  protected final int result;

  PySingleDefInstruction(int iindex, int result) {
    super(iindex);
    this.result = result;
  }

  @Override
  public boolean hasDef() {
    return true;
  }

  @Override
  public int getDef() {
    return result;
  }

  @Override
  public int getDef(int i) {
    assert i == 0;
    return result;
  }

  @Override
  public int getNumberOfDefs() {
    return 1;
  }

  @Override
  public boolean isFallThrough() {
    return true;
  }
}
