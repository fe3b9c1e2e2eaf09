package org.hybridize.wala.ir;

import com.ibm.wala.analysis.typeInference.PrimitiveType;
import com.ibm.wala.cast.ipa.callgraph.AstCallGraph.ScriptFakeRoot;
import com.ibm.wala.cast.loader.DynamicCallSiteReference;
import com.ibm.wala.cfg.InducedCFG;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.classLoader.LanguageImpl;
import com.ibm.wala.core.util.strings.Atom;
import com.ibm.wala.ipa.callgraph.AnalysisOptions;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.Context;
import com.ibm.wala.ipa.callgraph.IAnalysisCacheView;
import com.ibm.wala.ipa.callgraph.impl.AbstractRootMethod;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import com.ibm.wala.ipa.modref.ExtendedHeapModel;
import com.ibm.wala.ipa.modref.ModRef;
import com.ibm.wala.ssa.SSAAbstractInvokeInstruction;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.types.MethodReference;
import com.ibm.wala.types.TypeName;
import com.ibm.wala.types.TypeReference;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import org.hybridize.wala.cast.CallShape;

/** The Python {@link com.ibm.wala.classLoader.Language}. */
public class PyLanguage extends LanguageImpl {
  public static final PyLanguage PYTHON = new PyLanguage();

  private static final MethodReference FAKE_ROOT_METHOD =
      MethodReference.findOrCreate(PyTypes.FAKE_ROOT, "fakeRoot", "()LRoot;");

  private final PyInstructionFactory instructions = new PyInstructionFactory();

  @Override
  public Atom getName() {
    return PyTypes.LANGUAGE_NAME;
  }

  @Override
  public TypeReference getRootType() {
    return PyTypes.ROOT;
  }

  @Override
  public TypeReference getThrowableType() {
    return PyTypes.EXCEPTION;
  }

  @Override
  public TypeReference getConstantType(Object o) {
    if (o == null) return PyTypes.NONE;
    if (o instanceof Boolean) return PyTypes.BOOL;
    if (o instanceof Integer || o instanceof Long || o instanceof BigInteger) return PyTypes.INT;
    if (o instanceof Float || o instanceof Double) return PyTypes.FLOAT;
    if (o instanceof String) return PyTypes.STR;
    return PyTypes.OBJECT;
  }

  @Override
  public boolean isNullType(TypeReference type) {
    return PyTypes.NONE.equals(type);
  }

  @Override
  public TypeReference[] getArrayInterfaces() {
    return new TypeReference[0];
  }

  @Override
  public TypeName lookupPrimitiveType(String name) {
    return null;
  }

  @Override
  public PyInstructionFactory instructionFactory() {
    return instructions;
  }

  @Override
  public Collection<TypeReference> inferInvokeExceptions(
      MethodReference target, IClassHierarchy cha) {
    return Collections.singleton(PyTypes.EXCEPTION);
  }

  @Override
  public Object getMetadataToken(Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public TypeReference getPointerType(TypeReference pointee) {
    throw new UnsupportedOperationException("Python has no explicit pointers");
  }

  @Override
  public boolean methodsHaveDeclaredParameterTypes() {
    return false;
  }

  @Override
  public boolean isIntType(TypeReference type) {
    return PyTypes.INT.equals(type);
  }

  @Override
  public boolean isLongType(TypeReference type) {
    return false;
  }

  @Override
  public boolean isVoidType(TypeReference type) {
    return false;
  }

  @Override
  public boolean isFloatType(TypeReference type) {
    return false;
  }

  @Override
  public boolean isDoubleType(TypeReference type) {
    return PyTypes.FLOAT.equals(type);
  }

  @Override
  public boolean isStringType(TypeReference type) {
    return PyTypes.STR.equals(type);
  }

  @Override
  public boolean isMetadataType(TypeReference type) {
    return false;
  }

  @Override
  public boolean isCharType(TypeReference type) {
    return false;
  }

  @Override
  public boolean isBooleanType(TypeReference type) {
    return PyTypes.BOOL.equals(type);
  }

  @Override
  public TypeReference getStringType() {
    return PyTypes.STR;
  }

  @Override
  public PrimitiveType getPrimitive(TypeReference reference) {
    return PrimitiveType.getPrimitive(reference);
  }

  @Override
  public boolean modelConstant(Object o) {
    return true;
  }

  @Override
  public AbstractRootMethod getFakeRootMethod(
      IClassHierarchy cha, AnalysisOptions options, IAnalysisCacheView cache) {
    return new PyFakeRoot(cha, options, cache);
  }

  @Override
  public InducedCFG makeInducedCFG(SSAInstruction[] instructions, IMethod method, Context context) {
    return new InducedCFG(instructions, method, context);
  }

  @Override
  public <T extends InstanceKey> ModRef.RefVisitor<T, ? extends ExtendedHeapModel> makeRefVisitor(
      CGNode n, Collection<PointerKey> result, PointerAnalysis<T> pa, ExtendedHeapModel h) {
    throw new UnsupportedOperationException("use org.hybridize.wala.cg.PyModRef (an AstModRef)");
  }

  @Override
  public <T extends InstanceKey> ModRef.ModVisitor<T, ? extends ExtendedHeapModel> makeModVisitor(
      CGNode n,
      Collection<PointerKey> result,
      PointerAnalysis<T> pa,
      ExtendedHeapModel h,
      boolean ignoreAllocHeapDefs) {
    throw new UnsupportedOperationException("use org.hybridize.wala.cg.PyModRef (an AstModRef)");
  }

  /** The synthetic root: allocates each module object and calls the module's body. */
  public static class PyFakeRoot extends ScriptFakeRoot {
    public PyFakeRoot(IClassHierarchy cha, AnalysisOptions options, IAnalysisCacheView cache) {
      super(FAKE_ROOT_METHOD, cha.lookupClass(PyTypes.FAKE_ROOT), cha, options, cache);
    }

    @Override
    public SSAAbstractInvokeInstruction addDirectCall(
        int function, int[] params, CallSiteReference site) {
      CallSiteReference newSite = new DynamicCallSiteReference(PyTypes.CODE_BODY, statements.size());
      PyInvokeInstruction call =
          new PyInvokeInstruction(
              statements.size(),
              function,
              nextLocal++,
              params,
              nextLocal++,
              newSite,
              CallShape.positional(params.length));
      statements.add(call);
      return call;
    }
  }
}
