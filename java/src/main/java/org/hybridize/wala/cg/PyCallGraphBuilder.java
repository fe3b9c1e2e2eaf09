package org.hybridize.wala.cg;

import com.ibm.wala.cast.ipa.callgraph.AstCFAPointerKeys;
import com.ibm.wala.cast.ipa.callgraph.AstCallGraph;
import com.ibm.wala.cast.ipa.callgraph.AstSSAPropagationCallGraphBuilder;
import com.ibm.wala.cast.ipa.callgraph.GlobalObjectKey;
import com.ibm.wala.cast.ir.ssa.AstLexicalRead;
import com.ibm.wala.cast.ir.ssa.AstLexicalWrite;
import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.cast.ir.ssa.AstPropertyWrite;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.classLoader.IField;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.core.util.strings.Atom;
import com.ibm.wala.ipa.callgraph.AnalysisOptions;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.ContextSelector;
import com.ibm.wala.ipa.callgraph.IAnalysisCacheView;
import com.ibm.wala.ipa.callgraph.impl.ContextInsensitiveSelector;
import com.ibm.wala.ipa.callgraph.impl.ExplicitCallGraph;
import com.ibm.wala.ipa.callgraph.propagation.AbstractFieldPointerKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.callgraph.propagation.PropagationSystem;
import com.ibm.wala.ipa.callgraph.propagation.SSAContextInterpreter;
import com.ibm.wala.ipa.callgraph.propagation.cfa.ZeroXInstanceKeys;
import com.ibm.wala.ipa.callgraph.propagation.cfa.nCFAContextSelector;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import com.ibm.wala.ssa.DefUse;
import com.ibm.wala.ssa.SSABinaryOpInstruction;
import com.ibm.wala.ssa.SSAUnaryOpInstruction;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.util.CancelException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyInstructionVisitor;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyLanguage;
import org.hybridize.wala.ir.PyObjectRefInstruction;
import org.hybridize.wala.ir.PySuperInstruction;
import org.hybridize.wala.ir.PyTypes;

/**
 * Call-graph builder for Python, modelled on WALA's JavaScript builder.
 *
 * <p>Python call semantics are implemented as side-effect operators over the points-to set of
 * the callee of each {@link PyInvokeInstruction}: a function object is called with itself as
 * parameter 1; a bound method passes its receiver as the first Python parameter; calling a
 * class allocates an instance (one per call site and context) and calls {@code __init__} found
 * along the MRO; a library object returns a library object typed by the {@link LibraryModel}.
 * Arguments bind by position, then keyword name, then default, with {@code *args}/{@code
 * **kwargs} packed conservatively. Attribute reads resolve module variables, class attributes
 * (MRO, binding methods to instances) and instance fields.
 */
public class PyCallGraphBuilder extends AstSSAPropagationCallGraphBuilder {
  final CallGraphSettings settings;
  final LibraryModel libraryModel;
  final IClassHierarchy cha;
  final List<LibraryCall> libraryCalls = new ArrayList<>();

  /** A call from project code into a library API (for the reported call graph). */
  /** A call into library API {@code api}; {@code receiver}: for a method of a typed value, its kind. */
  public record LibraryCall(CGNode caller, CallSiteReference site, String api, ValueKind receiver) {}

  /**
   * A call without an IR call instruction (a property getter run by an attribute read). The
   * edge is in the call graph, but WALA lists call sites from the IR, so they are kept here.
   */
  public record ImplicitCall(CGNode caller, CallSiteReference site, CGNode callee) {}

  final List<ImplicitCall> implicitCalls = new ArrayList<>();

  public List<ImplicitCall> implicitCalls() {
    return implicitCalls;
  }

  final Set<ArgumentBinding> argumentBindings = new LinkedHashSet<>();

  /** Every argument of a call site bound to a parameter of a callee node (not receivers). */
  public Set<ArgumentBinding> argumentBindings() {
    return argumentBindings;
  }

  public LibraryModel libraryModel() {
    return libraryModel;
  }

  public PyCallGraphBuilder(
      IClassHierarchy cha,
      AnalysisOptions options,
      IAnalysisCacheView cache,
      CallGraphSettings settings,
      LibraryModel libraryModel) {
    super(PyLanguage.PYTHON.getFakeRootMethod(cha, options, cache), options, cache, new AstCFAPointerKeys());
    this.cha = cha;
    this.settings = settings;
    this.libraryModel = libraryModel;
    SSAContextInterpreter interpreter = makeDefaultContextInterpreters(null, options, cha);
    setContextInterpreter(interpreter);
    ContextSelector selector = new ContextInsensitiveSelector();
    if (settings.context().equals(CallGraphSettings.ONE_CFA)) selector = new nCFAContextSelector(1, selector);
    setContextSelector(selector);
    setInstanceKeys(
        new PyScopeMappingInstanceKeys(
            cha, this, new ZeroXInstanceKeys(options, cha, interpreter, ZeroXInstanceKeys.ALLOCATIONS)));
  }

  public List<LibraryCall> libraryCalls() {
    return libraryCalls;
  }

  /** An attribute read on a {@code tf.function} object: a use of it beyond calling it. */
  public record FunctionObjectRead(CGNode reader, int pc, String attribute, TfFunctionKey function) {}

  final Set<FunctionObjectRead> functionObjectReads = new LinkedHashSet<>();

  public Set<FunctionObjectRead> functionObjectReads() {
    return functionObjectReads;
  }

  public CallGraphSettings settings() {
    return settings;
  }

  /** Bounds the library paths each instruction makes ({@link PathFanout}). */
  final PathFanout fanout = new PathFanout();

  public PathFanout fanout() {
    return fanout;
  }

  /**
   * Coarse keys, for a project whose ordinary analysis outgrows its deadline or heap: each
   * instruction makes objects of one library path (per library root), the rest collapse.
   */
  public void coarsen() {
    fanout.setLimit(PathFanout.COARSE_LIMIT);
  }

  @Override
  protected ExplicitCallGraph createEmptyCallGraph(IMethod fakeRootClass, AnalysisOptions options) {
    return new AstCallGraph(fakeRootClass, options, getAnalysisCache()) {
      @Override
      protected CGNode makeFakeWorldClinitNode() {
        return null;
      }
    };
  }

  @Override
  protected boolean useObjectCatalog() {
    return false;
  }

  @Override
  public GlobalObjectKey getGlobalObject(Atom language) {
    return new GlobalObjectKey(cha.lookupClass(PyTypes.ROOT));
  }

  @Override
  protected AbstractFieldPointerKey fieldKeyForUnknownWrites(AbstractFieldPointerKey fieldKey) {
    return null;
  }

  @Override
  protected boolean sameMethod(CGNode opNode, String definingMethod) {
    return definingMethod.equals(opNode.getMethod().getReference().getDeclaringClass().getName().toString());
  }

  /** Python numbers, booleans and None are objects too, so every constant is an object. */
  @Override
  protected boolean isConstantRef(SymbolTable symbolTable, int valueNumber) {
    return valueNumber != -1 && symbolTable.isConstant(valueNumber);
  }

  @Override
  protected boolean unconditionallyAddConstraintsFromNode(CGNode node, com.ibm.wala.util.MonitorUtil.IProgressMonitor monitor)
      throws CancelException {
    boolean changed = super.unconditionallyAddConstraintsFromNode(node, monitor);
    if (settings.rootAllFunctions() && node.equals(getCallGraph().getFakeRootNode())) {
      new FunctionRoots(makeVisitor(node)).addAll((org.hybridize.wala.ir.PyLoader) cha.getLoader(PyTypes.LOADER));
    }
    return changed;
  }

  /** Every value may matter: our instructions are invisible to WALA's "interesting use" test. */
  @Override
  public boolean hasNoInterestingUses(CGNode node, int vn, DefUse du) {
    return false;
  }

  @Override
  public PyConstraintVisitor makeVisitor(CGNode node) {
    return new PyConstraintVisitor(this, node);
  }

  IClass coreClass(com.ibm.wala.types.TypeReference t) {
    return cha.lookupClass(t);
  }

  /** The static-field key of module variable {@code module::name} (what AstGlobalRead uses). */
  PointerKey moduleVariableKey(String module, String name) {
    IClass root = cha.lookupClass(PyTypes.ROOT);
    IField f = root.getField(Atom.findOrCreateUnicodeAtom("global " + module + "::" + name));
    return getPointerKeyForStaticField(f);
  }

  /** The pointer key of attribute {@code name} of {@code object} (null if it cannot have one). */
  public PointerKey fieldKey(InstanceKey object, String name) {
    IField f = object.getConcreteType().getField(Atom.findOrCreateUnicodeAtom(name));
    return f == null ? null : getPointerKeyForInstanceField(object, f);
  }

  /**
   * Constraint generation for one call-graph node. WALA's visitor base is a protected class of
   * the builder, so this shell stays here and hands each instruction to the concern it belongs
   * to: {@link ValueConstraints}, {@link AttributeConstraints}, {@link CallConstraints} (with
   * {@link ArgumentBinder}), {@link LibraryCallConstraints} (with {@link BuiltinResults}) and
   * {@link ClosureAccesses}, which share the plumbing of {@link NodeConstraints}.
   */
  public static class PyConstraintVisitor extends AstConstraintVisitor implements PyInstructionVisitor {
    private final PyCallGraphBuilder py;
    final ValueConstraints values;
    final AttributeConstraints attributes;
    final CallConstraints calls;
    final LibraryCallConstraints libraries;
    final ClosureAccesses closures;

    public PyConstraintVisitor(PyCallGraphBuilder builder, CGNode node) {
      super(builder, node);
      this.py = builder;
      this.values = new ValueConstraints(this);
      this.attributes = new AttributeConstraints(this);
      this.calls = new CallConstraints(this);
      this.libraries = new LibraryCallConstraints(this);
      this.closures = new ClosureAccesses(this);
    }

    @Override
    public void visitPyObjectRef(PyObjectRefInstruction instruction) {
      values.objectRef(instruction);
    }

    @Override
    public void visitPySuper(PySuperInstruction instruction) {
      values.superObject(instruction);
    }

    @Override
    public void visitBinaryOp(SSABinaryOpInstruction instruction) {
      values.binaryOp(instruction);
    }

    @Override
    public void visitUnaryOp(SSAUnaryOpInstruction instruction) {
      values.unaryOp(instruction);
    }

    @Override
    public void visitPropertyRead(AstPropertyRead instruction) {
      if (!attributes.read(instruction)) super.visitPropertyRead(instruction);
    }

    @Override
    public void visitPropertyWrite(AstPropertyWrite instruction) {
      if (!attributes.write(instruction)) super.visitPropertyWrite(instruction);
    }

    @Override
    public void visitPyInvoke(PyInvokeInstruction call) {
      calls.invoke(call);
    }

    @Override
    public void visitAstLexicalRead(AstLexicalRead instruction) {
      if (py.settings.lexicalRefresh()) closures.lexicalAccess(instruction.getAccesses(), true);
      else super.visitAstLexicalRead(instruction);
    }

    @Override
    public void visitAstLexicalWrite(AstLexicalWrite instruction) {
      if (py.settings.lexicalRefresh()) closures.lexicalAccess(instruction.getAccesses(), false);
      else super.visitAstLexicalWrite(instruction);
    }

    // ---------------------------------------------------------------- roots

    /** Calls {@code function} from this (root) node with unknown arguments. */
    void callAsRoot(InstanceKey function, InstanceKey self, CallSiteReference site) {
      calls.callFunction(function, self, site, null, null);
    }

    /** An instance of {@code type} made at {@code site} of this (root) node, __init__ run. */
    InstanceKey rootInstance(PyClassType type, InstanceKey classObject, CallSiteReference site) {
      return calls.rootInstance(type, classObject, site);
    }

    PyCallGraphBuilder pyBuilder() {
      return py;
    }

    void forEachValue(PointerKey key, String label, Consumer<InstanceKey> action) {
      values.forEachObject(key, label, action);
    }

    // ---------------------------------------------------------------- for NodeConstraints

    CGNode node() {
      return node;
    }

    PropagationSystem system() {
      return system;
    }

    SymbolTable symbolTable() {
      return symbolTable;
    }

    boolean isInvariant(int vn) {
      return contentsAreInvariant(symbolTable, du, vn);
    }

    InstanceKey[] invariantContents(int vn) {
      return getInvariantContents(vn);
    }

    boolean isInvariant(SymbolTable st, DefUse defDu, int vn) {
      return contentsAreInvariant(st, defDu, vn);
    }

    InstanceKey[] invariantContents(SymbolTable st, DefUse defDu, CGNode definer, int vn) {
      return getInvariantContents(st, defDu, definer, vn);
    }
  }
}
