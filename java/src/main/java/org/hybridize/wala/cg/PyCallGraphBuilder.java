package org.hybridize.wala.cg;

import com.ibm.wala.cast.ipa.callgraph.AstCFAPointerKeys;
import com.ibm.wala.cast.ipa.callgraph.AstCallGraph;
import com.ibm.wala.cast.ipa.callgraph.AstSSAPropagationCallGraphBuilder;
import com.ibm.wala.cast.ipa.callgraph.GlobalObjectKey;
import com.ibm.wala.cast.ir.ssa.AstIRFactory;
import com.ibm.wala.cast.ir.ssa.AstLexicalAccess.Access;
import com.ibm.wala.cast.ir.ssa.AstLexicalRead;
import com.ibm.wala.cast.ir.ssa.AstLexicalWrite;
import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.cast.ir.ssa.AstPropertyWrite;
import com.ibm.wala.cast.ipa.callgraph.ScopeMappingInstanceKeys.ScopeMappingInstanceKey;
import com.ibm.wala.cast.loader.AstMethod.LexicalInformation;
import com.ibm.wala.cast.loader.CAstAbstractModuleLoader.DynamicMethodObject;
import com.ibm.wala.cast.types.AstMethodReference;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.classLoader.IField;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.core.util.strings.Atom;
import com.ibm.wala.fixpoint.UnaryOperator;
import com.ibm.wala.ipa.callgraph.AnalysisOptions;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.Context;
import com.ibm.wala.ipa.callgraph.ContextSelector;
import com.ibm.wala.ipa.callgraph.IAnalysisCacheView;
import com.ibm.wala.ipa.callgraph.impl.ContextInsensitiveSelector;
import com.ibm.wala.ipa.callgraph.impl.ExplicitCallGraph;
import com.ibm.wala.ipa.callgraph.propagation.AbstractFieldPointerKey;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.callgraph.propagation.PointsToSetVariable;
import com.ibm.wala.ipa.callgraph.propagation.SSAContextInterpreter;
import com.ibm.wala.ipa.callgraph.propagation.cfa.ZeroXInstanceKeys;
import com.ibm.wala.ipa.callgraph.propagation.cfa.nCFAContextSelector;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import com.ibm.wala.cast.ir.ssa.CAstBinaryOp;
import com.ibm.wala.cast.ir.ssa.CAstUnaryOp;
import com.ibm.wala.shrike.shrikeBT.IBinaryOpInstruction;
import com.ibm.wala.shrike.shrikeBT.IUnaryOpInstruction;
import com.ibm.wala.ssa.DefUse;
import com.ibm.wala.ssa.SSABinaryOpInstruction;
import com.ibm.wala.ssa.SSAUnaryOpInstruction;
import com.ibm.wala.ssa.IRView;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.util.CancelException;
import com.ibm.wala.util.collections.Pair;
import com.ibm.wala.util.intset.IntSetUtil;
import com.ibm.wala.util.intset.MutableIntSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.hybridize.wala.cast.PyEntities.FunctionEntity;
import org.hybridize.wala.cast.PyEntities.ParameterLayout;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cast.CallShape;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyInstructionVisitor;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyLanguage;
import org.hybridize.wala.ir.PyObjectRefInstruction;
import org.hybridize.wala.ir.PySuperInstruction;
import org.hybridize.wala.ir.PyTypes;
import org.hybridize.wala.cg.PyObjectKeys.BoundMethodKey;
import org.hybridize.wala.cg.PyObjectKeys.ContainerMethodKey;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.ModuleObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.PackedArgumentsKey;
import org.hybridize.wala.cg.PyObjectKeys.SuperKey;
import org.hybridize.wala.cg.PyObjectKeys.WrappedFunctionKey;

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
  private final CallGraphSettings settings;
  private final LibraryModel libraryModel;
  private final IClassHierarchy cha;
  private final List<LibraryCall> libraryCalls = new ArrayList<>();

  /** A call from project code into a library API (for the reported call graph). */
  /** A call into library API {@code api}; {@code receiver}: for a method of a typed value, its kind. */
  public record LibraryCall(CGNode caller, CallSiteReference site, String api, ValueKind receiver) {}

  /**
   * A call without an IR call instruction (a property getter run by an attribute read). The
   * edge is in the call graph, but WALA lists call sites from the IR, so they are kept here.
   */
  public record ImplicitCall(CGNode caller, CallSiteReference site, CGNode callee) {}

  private final List<ImplicitCall> implicitCalls = new ArrayList<>();

  public List<ImplicitCall> implicitCalls() {
    return implicitCalls;
  }

  private final Set<ArgumentBinding> argumentBindings = new LinkedHashSet<>();

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

  private final Set<FunctionObjectRead> functionObjectReads = new LinkedHashSet<>();

  public Set<FunctionObjectRead> functionObjectReads() {
    return functionObjectReads;
  }

  public CallGraphSettings settings() {
    return settings;
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

  /** Constraint generation for one call-graph node. */
  public static class PyConstraintVisitor extends AstConstraintVisitor implements PyInstructionVisitor {
    private final PyCallGraphBuilder py;

    public PyConstraintVisitor(PyCallGraphBuilder builder, CGNode node) {
      super(builder, node);
      this.py = builder;
    }

    // ---------------------------------------------------------------- plumbing

    /** Runs {@code action} on every instance key the value {@code vn} may hold, now and later. */
    private void forEachObject(int vn, String label, Consumer<InstanceKey> action) {
      if (contentsAreInvariant(symbolTable, du, vn)) {
        for (InstanceKey k : getInvariantContents(vn)) {
          if (k != null) action.accept(k);
        }
        return;
      }
      forEachObject(getPointerKeyForLocal(vn), label, action);
    }

    private void forEachObject(PointerKey key, String label, Consumer<InstanceKey> action) {
      system.newSideEffect(new ForEachOperator(label, key, action), key);
    }

    private final class ForEachOperator extends UnaryOperator<PointsToSetVariable> {
      private final String label;
      // Kept to name the operator on demand: rendering a pointer key eagerly costs a lot.
      private final PointerKey key;
      private final Consumer<InstanceKey> action;
      private final MutableIntSet done = IntSetUtil.make();

      ForEachOperator(String label, PointerKey key, Consumer<InstanceKey> action) {
        this.label = label;
        this.key = key;
        this.action = action;
      }

      @Override
      public byte evaluate(PointsToSetVariable lhs, PointsToSetVariable rhs) {
        // Points-to sets only grow and done holds only their members: equal sizes, nothing new.
        if (rhs.getValue() != null && rhs.getValue().size() != done.size()) {
          List<Integer> fresh = new ArrayList<>();
          rhs.getValue().foreach(i -> {
            if (!done.contains(i)) fresh.add(i);
          });
          for (int i : fresh) {
            done.add(i);
            action.accept(system.getInstanceKey(i));
          }
        }
        return NOT_CHANGED;
      }

      @Override
      public int hashCode() {
        return System.identityHashCode(this);
      }

      @Override
      public boolean equals(Object o) {
        return o == this;
      }

      @Override
      public String toString() {
        return label + " " + key;
      }
    }

    /** target ⊇ value of local {@code vn}. */
    private void flowLocalInto(PointerKey target, int vn) {
      if (target == null) return;
      if (contentsAreInvariant(symbolTable, du, vn)) {
        system.recordImplicitPointsToSet(getPointerKeyForLocal(vn));
        for (InstanceKey k : getInvariantContents(vn)) {
          if (k != null) system.newConstraint(target, k);
        }
      } else {
        system.newConstraint(target, assignOperator, getPointerKeyForLocal(vn));
      }
    }

    private void flow(PointerKey target, PointerKey source) {
      if (target == null || source == null || target.equals(source)) return;
      system.newConstraint(target, assignOperator, source);
    }

    private String constantString(int vn) {
      return symbolTable.isStringConstant(vn) ? (String) symbolTable.getConstantValue(vn) : null;
    }

    private IClass typeOf(com.ibm.wala.types.TypeReference t) {
      return py.coreClass(t);
    }

    private LibraryObjectKey library(String path) {
      return new LibraryObjectKey(path, typeOf(PyTypes.LIBRARY), null, null);
    }

    private static PyClassType classObjectType(InstanceKey k) {
      if (k instanceof InstanceObjectKey) return null;
      return k.getConcreteType() instanceof PyClassType c ? c : null;
    }

    // ---------------------------------------------------------------- objects

    @Override
    public void visitPyObjectRef(PyObjectRefInstruction instruction) {
      InstanceKey key =
          instruction.getKind() == PyObjectRefInstruction.Kind.MODULE
              ? new ModuleObjectKey(instruction.getName(), typeOf(PyTypes.MODULE))
              : library(instruction.getName());
      system.newConstraint(getPointerKeyForLocal(instruction.getDef()), key);
    }

    @Override
    public void visitPySuper(PySuperInstruction instruction) {
      PointerKey result = getPointerKeyForLocal(instruction.getDef());
      forEachObject(instruction.getUse(0), "super", self ->
          system.newConstraint(result, new SuperKey(instruction.getEnclosingClass(), self, typeOf(PyTypes.SUPER))));
    }

    // ---------------------------------------------------------------- attributes

    @Override
    public void visitPropertyRead(AstPropertyRead instruction) {
      String name = constantString(instruction.getMemberRef());
      if (name == null) {
        super.visitPropertyRead(instruction);
        return;
      }
      PointerKey result = getPointerKeyForLocal(instruction.getDef());
      int pc = instruction.iIndex();
      forEachObject(instruction.getObjectRef(), "read ." + name, object -> readAttribute(object, name, result, pc));
    }

    private void readAttribute(InstanceKey object, String name, PointerKey result, int pc) {
      if (PyJsonToCAst.positionOf(name) >= 0) {
        readPosition(object, name, result, pc);
      } else if (object instanceof ModuleObjectKey m) {
        String sub = ModuleNames.canonical(py.cha, m.module() + "." + name);
        if (isProjectModule(sub)) system.newConstraint(result, new ModuleObjectKey(sub, typeOf(PyTypes.MODULE)));
        flow(result, py.moduleVariableKey(m.module(), name));
      } else if (object instanceof LibraryObjectKey l) {
        readLibraryAttribute(l, name, result, pc);
      } else if (TfFunctionKey.of(object) != null) {
        readFunctionObjectAttribute(TfFunctionKey.of(object), name, result, pc);
      } else if (object instanceof InstanceObjectKey inst) {
        flow(result, py.fieldKey(inst, name));
        readClassAttribute(inst.type(), name, null, inst, inst.classObject(), result, pc);
        readKerasAttribute(inst.type(), name, result, pc);
      } else if (object instanceof SuperKey s) {
        PyClassType type = receiverType(s.self());
        if (type == null) return;
        PyClassType owner = type.findOwnerAfter(name, s.after());
        if (owner != null) {
          boolean viaInstance = s.self() instanceof InstanceObjectKey;
          InstanceKey classObject = viaInstance ? ((InstanceObjectKey) s.self()).classObject() : s.self();
          bindAttributeValues(new ClassAttributeKey(owner, name), viaInstance ? s.self() : null, classObject, result, pc);
        }
      } else if (classObjectType(object) != null) {
        readClassAttribute(classObjectType(object), name, object, null, object, result, pc);
      } else if (object instanceof ConstantKey<?> c) {
        system.newConstraint(result, library("builtins." + pythonTypeName(c) + "." + name));
      } else if (ContainerMethod.of(object, name) != null) {
        system.newConstraint(result, new ContainerMethodKey(object, name, typeOf(PyTypes.LIBRARY)));
      } else {
        flow(result, py.fieldKey(object, name));
      }
    }

    /**
     * One position of what an unpacking assignment takes apart ({@code i, x = row}). Tuples
     * keep their positions apart; anything else (a list, a library object, packed {@code *args})
     * gives any of its elements.
     */
    private void readPosition(InstanceKey object, String position, PointerKey result, int pc) {
      boolean tuple =
          !(object instanceof PackedArgumentsKey)
              && object.getConcreteType().getReference().equals(PyTypes.TUPLE);
      if (tuple) {
        flow(result, py.fieldKey(object, position));
        flow(result, py.fieldKey(object, PyJsonToCAst.ANY_POSITION));
      } else {
        readAttribute(object, PyJsonToCAst.ELEMENTS, result, pc);
      }
    }

    /**
     * A library object's attribute is the library object at the longer path; for a typed object
     * the API model types it: an element of a tensor or dataset is a tensor, {@code t.numpy} a
     * method of a tensor, {@code model.trainable_variables} a list of variables.
     */
    private void readLibraryAttribute(LibraryObjectKey object, String name, PointerKey result, int pc) {
      String path = LibraryPaths.member(object.path(), name);
      // Elements the program stored in it (d[k] = v, list(xs)).
      if (name.equals(PyJsonToCAst.ELEMENTS)) flow(result, py.fieldKey(object, name));
      ValueKind kind = object.kind();
      ValueKind member =
          kind == null || kind == ValueKind.METHOD
              ? null
              : name.equals(PyJsonToCAst.ELEMENTS) ? kind.element() : py.libraryModel.attributeKind(kind, name);
      if (member == ValueKind.METHOD) {
        system.newConstraint(result, LibraryObjectKey.method(path, kind, typeOf(PyTypes.LIBRARY)));
      } else if (member != null) {
        system.newConstraint(result, typedValue(path, member, pc));
      } else {
        system.newConstraint(result, library(path));
      }
    }

    /**
     * An attribute of a {@code tf.function} object is the library's ({@code get_concrete_function}
     * is then a library call), except {@code python_function}: the project function it wraps.
     */
    private void readFunctionObjectAttribute(TfFunctionKey function, String name, PointerKey result, int pc) {
      py.functionObjectReads.add(new FunctionObjectRead(node, pc, name, function));
      if (name.equals("python_function")) system.newConstraint(result, function.function());
      else system.newConstraint(result, library(LibraryPaths.member(TfFunctionKey.FUNCTION_CLASS, name)));
    }

    /**
     * Attributes a project Keras class inherits from the library ({@code self.trainable_variables}):
     * typed as the API model types them on Keras objects; methods are left to the class' MRO.
     */
    private void readKerasAttribute(PyClassType type, String name, PointerKey result, int pc) {
      if (type.findOwner(name) != null) return;
      String base = kerasBase(type);
      if (base == null) return;
      ValueKind member = py.libraryModel.attributeKind(ValueKind.KERAS_OBJECT, name);
      if (member != null && member != ValueKind.METHOD) {
        system.newConstraint(result, typedValue(LibraryPaths.member(base, name), member, pc));
      }
    }

    /** The Keras library class a project class derives from, or null. */
    private String kerasBase(PyClassType type) {
      for (PyClassType c : type.mro()) {
        for (String base : c.libraryBases()) {
          if (py.libraryModel.isKerasBase(base)) return base;
        }
      }
      return null;
    }

    private static String pythonTypeName(InstanceKey k) {
      String n = k.getConcreteType().getName().toString();
      return n.startsWith("L") ? n.substring(1) : n;
    }

    private static PyClassType receiverType(InstanceKey self) {
      if (self instanceof InstanceObjectKey i) return i.type();
      return classObjectType(self);
    }

    /**
     * Reads {@code name} from class {@code type} along its MRO: the first class declaring it in
     * its body wins; otherwise any dynamically assigned class attribute of the MRO.
     */
    private void readClassAttribute(
        PyClassType type, String name, InstanceKey viaClass, InstanceKey viaInstance,
        InstanceKey classObject, PointerKey result, int pc) {
      PyClassType owner = type.findOwner(name);
      List<PyClassType> sources = owner != null ? List.of(owner) : type.mro();
      for (PyClassType c : sources) {
        bindAttributeValues(new ClassAttributeKey(c, name), viaInstance, classObject, result, pc);
      }
    }

    /** Class attribute values, bound as Python's descriptors do when read. */
    private void bindAttributeValues(
        ClassAttributeKey attribute, InstanceKey instance, InstanceKey classObject, PointerKey result, int pc) {
      forEachObject(attribute, "class attribute", value -> {
        if (value instanceof WrappedFunctionKey w) {
          switch (w.kind()) {
            case STATICMETHOD -> system.newConstraint(result, w.function());
            case CLASSMETHOD -> system.newConstraint(result, new BoundMethodKey(w.function(), classObject, typeOf(PyTypes.BOUND_METHOD)));
            case PROPERTY -> {
              if (instance != null) {
                CallSiteReference site = syntheticSite(pc);
                callFunction(w.function(), instance, site, null, result);
              } else {
                system.newConstraint(result, value);
              }
            }
          }
        } else if (instance != null && isFunction(value)) {
          system.newConstraint(result, new BoundMethodKey(value, instance, typeOf(PyTypes.BOUND_METHOD)));
        } else {
          system.newConstraint(result, value);
        }
      });
    }

    private CallSiteReference syntheticSite(int pc) {
      return new com.ibm.wala.cast.loader.DynamicCallSiteReference(PyTypes.CODE_BODY, pc);
    }

    private boolean isFunction(InstanceKey k) {
      IClass c = k.getConcreteType();
      return c != null && c.getSuperclass() != null && c.getSuperclass().getReference().equals(PyTypes.FUNCTION);
    }

    private boolean isProjectModule(String name) {
      return py.cha.lookupClass(PyTypes.SCRIPT) != null && ModuleNames.isModule(py.cha, name);
    }

    @Override
    public void visitPropertyWrite(AstPropertyWrite instruction) {
      String name = constantString(instruction.getMemberRef());
      if (name == null) {
        super.visitPropertyWrite(instruction);
        return;
      }
      int value = instruction.getValue();
      forEachObject(instruction.getObjectRef(), "write ." + name, object -> {
        if (object instanceof ModuleObjectKey m) {
          flowLocalInto(py.moduleVariableKey(m.module(), name), value);
        } else if (classObjectType(object) != null) {
          flowLocalInto(new ClassAttributeKey(classObjectType(object), name), value);
        } else if (!(object instanceof ConstantKey<?>)) {
          flowLocalInto(py.fieldKey(object, name), value);
        }
      });
    }

    // ---------------------------------------------------------------- calls

    @Override
    public void visitPyInvoke(PyInvokeInstruction call) {
      PointerKey result = getPointerKeyForLocal(call.getReturnValue(0));
      forEachObject(call.getFunction(), "call", callee -> dispatch(call, callee, result));
    }

    private void dispatch(PyInvokeInstruction call, InstanceKey callee, PointerKey result) {
      CallSiteReference site = call.getCallSite();
      if (callee instanceof BoundMethodKey b) {
        callFunction(b.function(), b.self(), site, call, result);
      } else if (callee instanceof WrappedFunctionKey w) {
        if (w.kind() == WrappedFunctionKey.Kind.STATICMETHOD) callFunction(w.function(), null, site, call, result);
      } else if (callee instanceof ContainerMethodKey m) {
        callContainerMethod(m, call, result);
      } else if (callee instanceof LibraryObjectKey l) {
        callLibrary(l, call, result);
      } else if (callee instanceof InstanceObjectKey inst) {
        PyClassType owner = callableMethodOwner(inst.type());
        if (owner == null) return;
        String method = owner.declares("__call__") ? "__call__" : "call";
        forEachObject(new ClassAttributeKey(owner, method), method, fn -> {
          if (isCode(fn)) callFunction(fn, inst, site, call, result);
        });
        String keras = method.equals("call") ? kerasBase(inst.type()) : null;
        ValueKind called = keras == null ? null : py.libraryModel.callResult(ValueKind.KERAS_OBJECT);
        if (called != null) {
          // The framework's __call__ runs call and returns tensors, whatever call returns.
          system.newConstraint(result, LibraryObjectKey.callResult(
              LibraryPaths.member(keras, "__call__"), called, typeOf(called.type()), node, site));
        }
      } else if (classObjectType(callee) != null) {
        construct(classObjectType(callee), callee, call, result);
      } else if (isCode(callee)) {
        callFunction(callee, null, site, call, result);
      }
    }

    /** {@code xs.append(t)} stores {@code t} among the elements of {@code xs}; see {@link ContainerMethod}. */
    private void callContainerMethod(ContainerMethodKey method, PyInvokeInstruction call, PointerKey result) {
      ContainerMethod kind = ContainerMethod.of(method.container(), method.name());
      PointerKey elements = py.fieldKey(method.container(), PyJsonToCAst.ELEMENTS);
      int arguments = call.getShape().positional();
      int pc = call.iIndex();
      switch (kind) {
        case ADD_ARGUMENT -> {
          // insert(i, x) adds its last argument; append(x), add(x) their only one.
          if (arguments > 0) flowLocalInto(elements, call.getArgument(arguments - 1));
        }
        case ADD_ELEMENTS_OF_ARGUMENT -> {
          if (arguments > 0) {
            forEachObject(call.getArgument(0), method.name() + " elements",
                object -> readAttribute(object, PyJsonToCAst.ELEMENTS, elements, pc));
          }
        }
        case RETURN_ELEMENT -> flow(result, elements);
      }
    }

    /**
     * Where calling an instance goes: {@code __call__} from the project MRO; otherwise, for a
     * class inheriting from a library class (a Keras layer or model), the library's {@code
     * __call__} runs the project's {@code call} method.
     */
    private static PyClassType callableMethodOwner(PyClassType type) {
      PyClassType owner = type.findOwner("__call__");
      if (owner != null) return owner;
      boolean libraryBase = type.mro().stream().anyMatch(c -> !c.libraryBases().isEmpty());
      return libraryBase ? type.findOwner("call") : null;
    }

    private boolean isCode(InstanceKey k) {
      IClass c = k.getConcreteType();
      return c != null && c.getMethod(AstMethodReference.fnSelector) instanceof DynamicMethodObject;
    }

    private void construct(PyClassType type, InstanceKey classObject, PyInvokeInstruction call, PointerKey result) {
      InstanceObjectKey instance = new InstanceObjectKey(classObject, type, node, call.getCallSite());
      system.newConstraint(result, instance);
      PyClassType owner = type.findOwner("__init__");
      if (owner == null) return;
      forEachObject(new ClassAttributeKey(owner, "__init__"), "__init__", init -> {
        if (isCode(init)) callFunction(init, instance, call.getCallSite(), call, null);
      });
    }

    private void callLibrary(LibraryObjectKey callee, PyInvokeInstruction call, PointerKey result) {
      // Calling an object a library call returned runs that object's __call__.
      String api = callee.isCallResult() ? LibraryPaths.member(callee.path(), "__call__") : callee.path();
      // The kind of the value whose method is called, or of the typed object itself called.
      ValueKind receiver = callee.kind() == ValueKind.METHOD ? callee.receiver() : callee.kind();
      py.libraryCalls.add(new LibraryCall(node, call.getCallSite(), api, receiver));
      WrappedFunctionKey.Kind wrapper =
          switch (api) {
            case "builtins.staticmethod" -> WrappedFunctionKey.Kind.STATICMETHOD;
            case "builtins.classmethod" -> WrappedFunctionKey.Kind.CLASSMETHOD;
            case "builtins.property" -> WrappedFunctionKey.Kind.PROPERTY;
            default -> null;
          };
      if (wrapper != null && call.getShape().argumentCount() > 0) {
        forEachObject(call.getArgument(0), api, fn ->
            system.newConstraint(result, new WrappedFunctionKey(wrapper, fn, typeOf(PyTypes.OBJECT))));
        return;
      }
      if (call.getShape().decorator()) {
        if (TfFunctionKey.DECORATORS.contains(api)) {
          decorateWithTfFunction(call, result);
        } else {
          // An unknown library decorator returns what it decorates, so the function stays reachable.
          flowLocalInto(result, call.getArgument(0));
        }
        return;
      }
      if (py.settings.libraryCallbacks() && py.libraryModel.callsArguments(api)) callFunctionArguments(call);
      LibraryModel.BuiltinRule rule = py.libraryModel.builtinRule(api);
      if (rule != null) {
        new BuiltinResults(call, api, result).apply(rule);
        return;
      }
      String type = py.libraryModel.resultType(api);
      ValueKind kind = resultKind(callee, api);
      system.newConstraint(
          result,
          kind == null
              ? new LibraryObjectKey(type, typeOf(PyTypes.LIBRARY), node, call.getCallSite())
              : LibraryObjectKey.callResult(type, kind, typeOf(kind.type()), node, call.getCallSite()));
    }

    /** {@code @tf.function} makes a Function object of a project function (anything else passes). */
    private void decorateWithTfFunction(PyInvokeInstruction call, PointerKey result) {
      forEachObject(call.getArgument(0), "tf.function", decorated -> system.newConstraint(result,
          isCode(decorated) && !(decorated instanceof TfFunctionKey)
              ? new TfFunctionKey(decorated, node, call.getCallSite())
              : decorated));
    }

    /** The API model's kind for what calling {@code callee} (named {@code api}) returns. */
    private ValueKind resultKind(LibraryObjectKey callee, String api) {
      LibraryModel model = py.libraryModel;
      if (callee.kind() == ValueKind.METHOD) {
        return model.methodResult(callee.receiver(), api.substring(api.lastIndexOf('.') + 1));
      }
      if (callee.kind() != null) return model.callResult(callee.kind());
      return callee.isCallResult() ? null : model.resultKind(api);
    }

    /** A typed value made by the instruction at {@code pc} of this node (not a call result). */
    private LibraryObjectKey typedValue(String path, ValueKind kind, int pc) {
      return LibraryObjectKey.value(path, kind, typeOf(kind.type()), node, syntheticSite(pc));
    }

    /** Results of builtins modelled by a {@link LibraryModel.BuiltinRule}. */
    private final class BuiltinResults {
      private final PyInvokeInstruction call;
      private final String api;
      private final PointerKey result;
      private final int pc;

      BuiltinResults(PyInvokeInstruction call, String api, PointerKey result) {
        this.call = call;
        this.api = api;
        this.result = result;
        this.pc = call.iIndex();
      }

      void apply(LibraryModel.BuiltinRule rule) {
        int arguments = call.getShape().positional();
        switch (rule) {
          case ARITHMETIC -> {
            for (int i = 0; i < arguments; i++) arithmetic(call.getArgument(i));
          }
          case FIRST_ARGUMENT -> {
            if (arguments > 0) flowLocalInto(result, call.getArgument(0));
          }
          case ELEMENT_OF_FIRST_ARGUMENT -> {
            if (arguments > 0) elementsInto(call.getArgument(0), result);
          }
          case ELEMENTS_OF_FIRST_ARGUMENT -> {
            InstanceKey container = freshContainer();
            if (arguments > 0) elementsInto(call.getArgument(0), py.fieldKey(container, PyJsonToCAst.ELEMENTS));
          }
          case NUMBERED_ELEMENTS, ZIPPED_ELEMENTS -> {
            // A container of tuples: (counter, element) rows or one element of each argument.
            InstanceKey container = freshContainer();
            InstanceKey row = LibraryObjectKey.value(
                LibraryPaths.member(api, PyJsonToCAst.ELEMENTS), null, typeOf(PyTypes.TUPLE), node, call.getCallSite());
            system.newConstraint(py.fieldKey(container, PyJsonToCAst.ELEMENTS), row);
            List<PointerKey> positions = new ArrayList<>();
            if (rule == LibraryModel.BuiltinRule.NUMBERED_ELEMENTS) {
              PointerKey counter = py.fieldKey(row, PyJsonToCAst.position(0));
              system.newConstraint(counter, typedValue("builtins.int", ValueKind.INT, pc));
              positions.add(counter);
              if (arguments > 0) positions.add(elementsAt(row, 1, call.getArgument(0)));
            } else {
              for (int i = 0; i < arguments; i++) positions.add(elementsAt(row, i, call.getArgument(i)));
            }
            // Iterating a row or subscripting it with a computed index sees every position.
            PointerKey all = py.fieldKey(row, PyJsonToCAst.ELEMENTS);
            for (PointerKey position : positions) flow(all, position);
          }
        }
      }

      /** The untyped result object, as every library call makes (mod-ref knows list(xs) is fresh). */
      private InstanceKey freshContainer() {
        InstanceKey container = new LibraryObjectKey(api, typeOf(PyTypes.LIBRARY), node, call.getCallSite());
        system.newConstraint(result, container);
        return container;
      }

      /** Position {@code i} of {@code row}, holding the elements of local {@code vn}. */
      private PointerKey elementsAt(InstanceKey row, int i, int vn) {
        PointerKey position = py.fieldKey(row, PyJsonToCAst.position(i));
        elementsInto(vn, position);
        return position;
      }

      private void elementsInto(int vn, PointerKey target) {
        forEachObject(vn, api + " elements", object -> readAttribute(object, PyJsonToCAst.ELEMENTS, target, pc));
      }

      /** {@code abs(t)} and {@code sum(tensors)} are tensors; {@code max(1, n)} is a number. */
      private void arithmetic(int vn) {
        forEachObject(vn, api, object -> {
          arithmeticOperand(object);
          PointerKey elements = containerElements(object);
          if (elements != null) forEachObject(elements, api + " elements", this::arithmeticOperand);
        });
      }

      private void arithmeticOperand(InstanceKey object) {
        ValueKind kind = ValueKind.of(object);
        if (kind == null) return;
        if (kind.isTensor()) system.newConstraint(result, typedValue("tensorflow.Tensor", ValueKind.TENSOR, pc));
        else if (kind == ValueKind.FLOAT) system.newConstraint(result, typedValue("builtins.float", ValueKind.FLOAT, pc));
        else if (kind == ValueKind.INT || kind == ValueKind.BOOL) system.newConstraint(result, typedValue("builtins.int", ValueKind.INT, pc));
      }
    }

    /** The element slot of a container the program built ({@code [a, b]}, packed arguments). */
    private PointerKey containerElements(InstanceKey object) {
      if (object instanceof ConstantKey<?> || object instanceof ModuleObjectKey) return null;
      IClass type = object.getConcreteType();
      return type != null && PyTypes.isContainer(type.getReference())
          ? py.fieldKey(object, PyJsonToCAst.ELEMENTS)
          : null;
    }

    // ---------------------------------------------------------------- operators

    /**
     * Python operators: a tensor operand gives a tensor ({@code t * 2}, {@code t < 0}); scalar
     * operands give a computed scalar ({@code n + 1}, {@code "a" + s}); two containers
     * concatenate ({@code xs + ys}). Results are allocated at the operator.
     */
    @Override
    public void visitBinaryOp(SSABinaryOpInstruction instruction) {
      PointerKey result = getPointerKeyForLocal(instruction.getDef());
      IBinaryOpInstruction.IOperator operator = instruction.getOperator();
      boolean comparison = operator instanceof CAstBinaryOp;
      boolean division = operator == IBinaryOpInstruction.Operator.DIV;
      boolean addition = operator == IBinaryOpInstruction.Operator.ADD;
      int pc = instruction.iIndex();
      List<Set<ValueKind>> seen = List.of(EnumSet.noneOf(ValueKind.class), EnumSet.noneOf(ValueKind.class));
      List<Set<InstanceKey>> containers = List.of(new HashSet<>(), new HashSet<>());
      for (int side = 0; side < 2; side++) {
        int operand = side;
        forEachObject(instruction.getUse(side), "operator", object -> {
          ValueKind kind = ValueKind.of(object);
          if (kind != null) seen.get(operand).add(kind);
          if (containerElements(object) != null) containers.get(operand).add(object);
          if (kind != null && kind.isTensor()) {
            system.newConstraint(result, typedValue("tensorflow.Tensor", ValueKind.TENSOR, pc));
          }
          ValueKind scalar = scalarResult(seen.get(0), seen.get(1), comparison, division);
          if (scalar != null) system.newConstraint(result, typedValue("builtins." + scalar.modelName(), scalar, pc));
          if (addition && containerElements(object) != null) {
            concatenate(object, !containers.get(0).isEmpty() && !containers.get(1).isEmpty(), result, pc);
          }
        });
      }
    }

    /** {@code xs + ys}: a new list holding the elements of both (once both sides are containers). */
    private void concatenate(InstanceKey part, boolean bothContainers, PointerKey result, int pc) {
      InstanceKey list = LibraryObjectKey.value("builtins.list", null, typeOf(PyTypes.LIST), node, syntheticSite(pc));
      flow(py.fieldKey(list, PyJsonToCAst.ELEMENTS), containerElements(part));
      if (bothContainers) system.newConstraint(result, list);
    }

    private static ValueKind scalarResult(
        Set<ValueKind> left, Set<ValueKind> right, boolean comparison, boolean division) {
      boolean leftScalar = left.stream().anyMatch(ValueKind::isScalar);
      boolean rightScalar = right.stream().anyMatch(ValueKind::isScalar);
      if (!leftScalar || !rightScalar) return null;
      if (comparison) return ValueKind.BOOL;
      if (left.contains(ValueKind.STR) || right.contains(ValueKind.STR)) return ValueKind.STR;
      if (division || left.contains(ValueKind.FLOAT) || right.contains(ValueKind.FLOAT)) return ValueKind.FLOAT;
      return ValueKind.INT;
    }

    @Override
    public void visitUnaryOp(SSAUnaryOpInstruction instruction) {
      PointerKey result = getPointerKeyForLocal(instruction.getDef());
      boolean not = instruction.getOpcode() == IUnaryOpInstruction.Operator.NEG;
      int pc = instruction.iIndex();
      forEachObject(instruction.getUse(0), "operator", object -> {
        ValueKind kind = ValueKind.of(object);
        if (kind == null) return;
        if (not) {
          if (kind.isScalar()) system.newConstraint(result, typedValue("builtins.bool", ValueKind.BOOL, pc));
        } else if (kind.isTensor()) {
          system.newConstraint(result, typedValue("tensorflow.Tensor", ValueKind.TENSOR, pc));
        } else if (kind == ValueKind.INT || kind == ValueKind.FLOAT) {
          system.newConstraint(result, typedValue("builtins." + kind.modelName(), kind, pc));
        } else if (kind == ValueKind.BOOL) {
          system.newConstraint(result, typedValue("builtins.int", ValueKind.INT, pc));
        }
      });
    }

    /** The library may call any project function passed to it (with unknown arguments). */
    private void callFunctionArguments(PyInvokeInstruction call) {
      for (int i = 0; i < call.getShape().argumentCount(); i++) {
        forEachObject(call.getArgument(i), "callback", argument -> {
          if (argument instanceof BoundMethodKey b) {
            callFunction(b.function(), b.self(), call.getCallSite(), null, null);
          } else if (isCode(argument)) {
            callFunction(argument, null, call.getCallSite(), null, null);
          }
        });
      }
    }

    /**
     * Calls function object {@code function} (optionally with bound receiver {@code self}) with
     * the arguments of {@code call} (none for a property getter), binding parameters by Python's
     * rules; the return value flows into {@code result}.
     */
    private void callFunction(
        InstanceKey called, InstanceKey self, CallSiteReference site, PyInvokeInstruction call, PointerKey result) {
      // A tf.function object runs the function it wraps, which is its own closure (parameter 1).
      InstanceKey function = TfFunctionKey.unwrap(called);
      IMethod method = function.getConcreteType().getMethod(AstMethodReference.fnSelector);
      if (!(method instanceof DynamicMethodObject)) return;
      InstanceKey[] actuals = self == null ? new InstanceKey[] {function} : new InstanceKey[] {function, self};
      Context context = py.getContextSelector().getCalleeTarget(node, site, method, actuals);
      CGNode target;
      try {
        target = py.getCallGraph().findOrCreateNode(method, context);
      } catch (CancelException e) {
        throw new IllegalStateException(e);
      }
      if (((ExplicitCallGraph.ExplicitNode) node).addTarget(site, target) && call == null) {
        py.implicitCalls.add(new ImplicitCall(node, site, target));
      }
      if (!py.haveAlreadyVisited(target)) py.markDiscovered(target);

      system.newConstraint(py.getPointerKeyForLocal(target, 1), function);
      ArgumentBinder binder = new ArgumentBinder(target, method, function, site);
      if (self != null) binder.positional(formal -> system.newConstraint(formal, self));
      if (call != null) binder.bind(call);
      binder.applyDefaults();
      if (result != null) flow(result, py.getPointerKeyForReturnValue(target));
    }

    /** Binds actual arguments to the formals of one callee node. */
    private final class ArgumentBinder {
      private final CGNode target;
      private final InstanceKey function;
      private final CallSiteReference site;
      private final ParameterLayout layout;
      private final Set<Integer> bound = new HashSet<>();
      private int nextPositional;
      private PointerKey packedArgs;
      private PointerKey packedKwargs;

      ArgumentBinder(CGNode target, IMethod method, InstanceKey function, CallSiteReference site) {
        this.target = target;
        this.function = function;
        this.site = site;
        FunctionEntity entity =
            ((DynamicMethodObject) method).getEntity() instanceof FunctionEntity f ? f : null;
        this.layout =
            entity != null ? entity.layout() : new ParameterLayout(List.of(), 0, -1, -1, Set.of());
      }

      private PointerKey formal(int pythonIndex) {
        return py.getPointerKeyForLocal(target, pythonIndex + 2);
      }

      /** The next positional slot: a positional formal, else the *args tuple, else dropped. */
      void positional(Consumer<PointerKey> bindTo) {
        if (nextPositional < layout.positional()) {
          bound.add(nextPositional);
          bindTo.accept(formal(nextPositional++));
        } else if (layout.varargs() >= 0) {
          bindTo.accept(elementsOf(varargsTuple()));
        }
      }

      private PointerKey varargsTuple() {
        if (packedArgs == null) {
          packedArgs = formal(layout.varargs());
          bound.add(layout.varargs());
        }
        return packedArgs;
      }

      private PointerKey elementsOf(PointerKey container) {
        // The packed container is allocated per call site and callee.
        boolean isArgs = container == packedArgs;
        InstanceKey packed =
            new PackedArgumentsKey(typeOf(isArgs ? PyTypes.TUPLE : PyTypes.DICT), node, site, target);
        system.newConstraint(container, packed);
        return py.fieldKey(packed, PyJsonToCAst.ELEMENTS);
      }

      /** Records that argument {@code vn} of the call reaches formal {@code index}. */
      private void record(int index, int vn, ArgumentBinding.Passing passing) {
        py.argumentBindings.add(new ArgumentBinding(node, site, target, index, vn, passing));
      }

      void bind(PyInvokeInstruction call) {
        CallShape shape = call.getShape();
        for (int i = 0; i < shape.positional(); i++) {
          int vn = call.getArgument(i);
          if (nextPositional < layout.positional()) record(nextPositional, vn, ArgumentBinding.Passing.DIRECT);
          else if (layout.varargs() >= 0) record(layout.varargs(), vn, ArgumentBinding.Passing.PACKED);
          positional(formal -> flowLocalInto(formal, vn));
        }
        for (int k = 0; k < shape.keywords().size(); k++) {
          String name = shape.keywords().get(k);
          int vn = call.getArgument(shape.positional() + k);
          int index = layout.indexOf(name);
          if (index >= 0) {
            bound.add(index);
            record(index, vn, ArgumentBinding.Passing.DIRECT);
            flowLocalInto(formal(index), vn);
          } else if (layout.kwargs() >= 0) {
            record(layout.kwargs(), vn, ArgumentBinding.Passing.PACKED);
            flowLocalInto(elementsOf(kwargsDict()), vn);
          }
        }
        if (shape.starArgs()) {
          // Unpacked sequence: its elements may reach every remaining positional formal.
          List<PointerKey> targets = new ArrayList<>();
          int spread = call.getArgument(shape.starArgsIndex());
          for (int i = nextPositional; i < layout.positional(); i++) {
            record(i, spread, ArgumentBinding.Passing.UNPACKED);
            targets.add(claim(i));
          }
          if (layout.varargs() >= 0) {
            record(layout.varargs(), spread, ArgumentBinding.Passing.UNPACKED);
            targets.add(elementsOf(varargsTuple()));
          }
          spreadElements(spread, "*args", targets);
        }
        if (shape.starKwargs()) {
          // Unpacked mapping: its values may reach every parameter not bound yet.
          List<PointerKey> targets = new ArrayList<>();
          int spread = call.getArgument(shape.starKwargsIndex());
          for (int i = 0; i < layout.names().size(); i++) {
            if (!bound.contains(i) && i != layout.varargs() && i != layout.kwargs()) {
              record(i, spread, ArgumentBinding.Passing.UNPACKED);
              targets.add(claim(i));
            }
          }
          if (layout.kwargs() >= 0) {
            record(layout.kwargs(), spread, ArgumentBinding.Passing.UNPACKED);
            targets.add(elementsOf(kwargsDict()));
          }
          spreadElements(spread, "**kwargs", targets);
        }
      }

      private PointerKey claim(int index) {
        bound.add(index);
        return formal(index);
      }

      private void spreadElements(int container, String label, List<PointerKey> targets) {
        forEachObject(container, label, object -> {
          PointerKey elements = py.fieldKey(object, PyJsonToCAst.ELEMENTS);
          for (PointerKey t : targets) flow(t, elements);
        });
      }

      private PointerKey kwargsDict() {
        if (packedKwargs == null) {
          packedKwargs = formal(layout.kwargs());
          bound.add(layout.kwargs());
        }
        return packedKwargs;
      }

      /** Parameters no argument reached take their default (stored on the function object). */
      void applyDefaults() {
        for (int i = 0; i < layout.names().size(); i++) {
          String name = layout.names().get(i);
          if (!bound.contains(i) && layout.defaulted().contains(name)) {
            flow(formal(i), py.fieldKey(function, PyJsonToCAst.DEFAULT_PREFIX + name));
          }
        }
        if (layout.varargs() >= 0 && packedArgs == null) varargsTuple();
        if (layout.varargs() >= 0) elementsOf(packedArgs);
        if (layout.kwargs() >= 0) elementsOf(kwargsDict());
      }
    }

    // ---------------------------------------------------------------- roots

    /** Calls {@code function} from this (root) node with unknown arguments. */
    void callAsRoot(InstanceKey function, InstanceKey self, CallSiteReference site) {
      callFunction(function, self, site, null, null);
    }

    /** An instance of {@code type} made at {@code site} of this (root) node, __init__ run. */
    InstanceKey rootInstance(PyClassType type, InstanceKey classObject, CallSiteReference site) {
      InstanceObjectKey instance = new InstanceObjectKey(classObject, type, node, site);
      PyClassType owner = type.findOwner("__init__");
      if (owner != null) {
        forEachObject(new ClassAttributeKey(owner, "__init__"), "root __init__", init -> {
          if (isCode(init)) callFunction(init, instance, site, null, null);
        });
      }
      return instance;
    }

    PyCallGraphBuilder pyBuilder() {
      return py;
    }

    void forEachValue(PointerKey key, String label, Consumer<InstanceKey> action) {
      forEachObject(key, label, action);
    }

    // ---------------------------------------------------------------- closures (wala/WALA#1990)

    @Override
    public void visitAstLexicalRead(AstLexicalRead instruction) {
      if (!py.settings.lexicalRefresh()) {
        super.visitAstLexicalRead(instruction);
        return;
      }
      lexicalAccess(instruction.getAccesses(), true);
    }

    @Override
    public void visitAstLexicalWrite(AstLexicalWrite instruction) {
      if (!py.settings.lexicalRefresh()) {
        super.visitAstLexicalWrite(instruction);
        return;
      }
      lexicalAccess(instruction.getAccesses(), false);
    }

    /**
     * WALA 1.6.12 resolves the defining activations of a closure variable once, from the
     * closure's points-to set at that moment (wala/WALA#1990), so closures that reach a function
     * later are lost. Here the resolution is an operator on the closure's points-to set (value
     * 1), re-run whenever a new closure object arrives.
     */
    private void lexicalAccess(Access[] accesses, boolean isRead) {
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
            if (contentsAreInvariant(st, defDu, vn)) {
              for (InstanceKey k : getInvariantContents(st, defDu, definer, vn)) {
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
}
