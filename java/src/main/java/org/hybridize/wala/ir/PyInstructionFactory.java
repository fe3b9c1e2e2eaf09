package org.hybridize.wala.ir;

import com.ibm.wala.cast.ir.ssa.AssignInstruction;
import com.ibm.wala.cast.ir.ssa.AstAssertInstruction;
import com.ibm.wala.cast.ir.ssa.AstEchoInstruction;
import com.ibm.wala.cast.ir.ssa.AstGlobalRead;
import com.ibm.wala.cast.ir.ssa.AstGlobalWrite;
import com.ibm.wala.cast.ir.ssa.AstInstructionFactory;
import com.ibm.wala.cast.ir.ssa.AstIsDefinedInstruction;
import com.ibm.wala.cast.ir.ssa.AstLexicalAccess.Access;
import com.ibm.wala.cast.ir.ssa.AstLexicalRead;
import com.ibm.wala.cast.ir.ssa.AstLexicalWrite;
import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.cast.ir.ssa.AstPropertyWrite;
import com.ibm.wala.cast.ir.ssa.AstYieldInstruction;
import com.ibm.wala.cast.ir.ssa.EachElementGetInstruction;
import com.ibm.wala.cast.ir.ssa.EachElementHasNextInstruction;
import com.ibm.wala.classLoader.JavaLanguage;
import com.ibm.wala.classLoader.NewSiteReference;
import com.ibm.wala.shrike.shrikeBT.IBinaryOpInstruction;
import com.ibm.wala.ssa.SSAAbstractBinaryInstruction;
import com.ibm.wala.ssa.SSABinaryOpInstruction;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SSAInstructionFactory;
import com.ibm.wala.ssa.SSANewInstruction;
import com.ibm.wala.types.FieldReference;
import com.ibm.wala.types.TypeReference;
import java.util.Collection;
import java.util.Collections;

/**
 * Instruction factory for Python IR. The plain SSA instructions come from WALA's Java factory;
 * allocations, operators and property accesses are overridden so that they throw no Java
 * exceptions (Python's exceptional flow is modelled by the translator, not per instruction).
 */
public class PyInstructionFactory extends JavaLanguage.JavaInstructionFactory
    implements AstInstructionFactory {

  /** A property read {@code result = object[member]} with no implicit exceptions. */
  public static class PyPropertyRead extends AstPropertyRead {
    public PyPropertyRead(int iindex, int result, int objectRef, int memberRef) {
      super(iindex, result, objectRef, memberRef);
    }

    @Override
    public boolean isPEI() {
      return false;
    }

    @Override
    public Collection<TypeReference> getExceptionTypes() {
      return Collections.emptySet();
    }
  }

  /**
   * A subscript read {@code result = object[i]} whose index is an int literal: the pointer
   * analysis reads the container's elements as for any subscript; the index is kept for the
   * analyses that need it (which axis {@code x.shape[1]} reads).
   */
  public static class PyIndexedRead extends PyPropertyRead {
    private final int index;

    public PyIndexedRead(int iindex, int result, int objectRef, int memberRef, int index) {
      super(iindex, result, objectRef, memberRef);
      this.index = index;
    }

    public int index() {
      return index;
    }

    @Override
    public SSAInstruction copyForSSA(SSAInstructionFactory insts, int[] defs, int[] uses) {
      return new PyIndexedRead(iIndex(), defs == null ? getDef() : defs[0],
          uses == null ? getObjectRef() : uses[0], uses == null ? getMemberRef() : uses[1], index);
    }
  }

  /** A property write {@code object[member] = value} with no implicit exceptions. */
  public static class PyPropertyWrite extends AstPropertyWrite {
    public PyPropertyWrite(int iindex, int objectRef, int memberRef, int value) {
      super(iindex, objectRef, memberRef, value);
    }

    @Override
    public boolean isPEI() {
      return false;
    }

    @Override
    public Collection<TypeReference> getExceptionTypes() {
      return Collections.emptySet();
    }
  }

  @Override
  public SSANewInstruction NewInstruction(int iindex, int result, NewSiteReference site) {
    return new SSANewInstruction(iindex, result, site) {
      @Override
      public boolean isPEI() {
        return false;
      }

      @Override
      public Collection<TypeReference> getExceptionTypes() {
        return Collections.emptySet();
      }
    };
  }

  @Override
  public SSAAbstractBinaryInstruction BinaryOpInstruction(
      int iindex,
      IBinaryOpInstruction.IOperator operator,
      boolean overflow,
      boolean unsigned,
      int result,
      int val1,
      int val2,
      boolean mayBeInteger) {
    return new SSABinaryOpInstruction(
        iindex, operator, result, val1, val2, mayBeInteger) {
      @Override
      public boolean isPEI() {
        return false;
      }

      @Override
      public SSAInstruction copyForSSA(SSAInstructionFactory insts, int[] defs, int[] uses) {
        return insts.BinaryOpInstruction(
            iIndex(),
            getOperator(),
            false,
            false,
            defs == null ? getDef(0) : defs[0],
            uses == null ? getUse(0) : uses[0],
            uses == null ? getUse(1) : uses[1],
            mayBeIntegerOp());
      }
    };
  }

  @Override
  public AssignInstruction AssignInstruction(int iindex, int result, int val) {
    return new AssignInstruction(iindex, result, val);
  }

  @Override
  public AstAssertInstruction AssertInstruction(int iindex, int value, boolean fromSpec) {
    return new AstAssertInstruction(iindex, value, fromSpec);
  }

  @Override
  public AstEchoInstruction EchoInstruction(int iindex, int[] rvals) {
    return new AstEchoInstruction(iindex, rvals);
  }

  @Override
  public AstGlobalRead GlobalRead(int iindex, int lhs, FieldReference global) {
    return new AstGlobalRead(iindex, lhs, global);
  }

  @Override
  public AstGlobalWrite GlobalWrite(int iindex, FieldReference global, int rhs) {
    return new AstGlobalWrite(iindex, global, rhs);
  }

  @Override
  public AstIsDefinedInstruction IsDefinedInstruction(
      int iindex, int lval, int rval, int fieldVal, FieldReference fieldRef) {
    return new AstIsDefinedInstruction(iindex, lval, rval, fieldVal, fieldRef);
  }

  @Override
  public AstIsDefinedInstruction IsDefinedInstruction(
      int iindex, int lval, int rval, FieldReference fieldRef) {
    return new AstIsDefinedInstruction(iindex, lval, rval, fieldRef);
  }

  @Override
  public AstIsDefinedInstruction IsDefinedInstruction(
      int iindex, int lval, int rval, int fieldVal) {
    return new AstIsDefinedInstruction(iindex, lval, rval, fieldVal);
  }

  @Override
  public AstIsDefinedInstruction IsDefinedInstruction(int iindex, int lval, int rval) {
    return new AstIsDefinedInstruction(iindex, lval, rval);
  }

  @Override
  public AstLexicalRead LexicalRead(int iindex, Access[] accesses) {
    return new AstLexicalRead(iindex, accesses);
  }

  @Override
  public AstLexicalRead LexicalRead(int iindex, Access access) {
    return new AstLexicalRead(iindex, access);
  }

  @Override
  public AstLexicalRead LexicalRead(
      int iindex, int lhs, String definer, String globalName, TypeReference type) {
    return new AstLexicalRead(iindex, lhs, definer, globalName, type);
  }

  @Override
  public AstLexicalWrite LexicalWrite(int iindex, Access[] accesses) {
    return new AstLexicalWrite(iindex, accesses);
  }

  @Override
  public AstLexicalWrite LexicalWrite(int iindex, Access access) {
    return new AstLexicalWrite(iindex, access);
  }

  @Override
  public AstLexicalWrite LexicalWrite(
      int iindex, String definer, String globalName, TypeReference type, int rhs) {
    return new AstLexicalWrite(iindex, definer, globalName, type, rhs);
  }

  @Override
  public EachElementGetInstruction EachElementGetInstruction(
      int iindex, int lValue, int objectRef, int previousProp) {
    return new EachElementGetInstruction(iindex, lValue, objectRef, previousProp);
  }

  @Override
  public EachElementHasNextInstruction EachElementHasNextInstruction(
      int iindex, int lValue, int objectRef, int previousProp) {
    return new EachElementHasNextInstruction(iindex, lValue, objectRef, previousProp);
  }

  @Override
  public AstPropertyRead PropertyRead(int iindex, int result, int objectRef, int memberRef) {
    return new PyPropertyRead(iindex, result, objectRef, memberRef);
  }

  @Override
  public AstPropertyWrite PropertyWrite(int iindex, int objectRef, int memberRef, int value) {
    return new PyPropertyWrite(iindex, objectRef, memberRef, value);
  }

  @Override
  public AstYieldInstruction YieldInstruction(int iindex, int[] rvals) {
    return new AstYieldInstruction(iindex, rvals);
  }
}
