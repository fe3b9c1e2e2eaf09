package org.hybridize.wala.cg;

import com.ibm.wala.cast.ipa.callgraph.AstHeapModel;
import com.ibm.wala.cast.ipa.callgraph.ScopeMappingInstanceKeys.ScopeMappingInstanceKey;
import com.ibm.wala.cast.ipa.modref.AstModRef;
import com.ibm.wala.cast.ir.ssa.AstGlobalRead;
import com.ibm.wala.cast.ir.ssa.AstGlobalWrite;
import com.ibm.wala.cast.ir.ssa.AstLexicalAccess.Access;
import com.ibm.wala.cast.ir.ssa.AstLexicalRead;
import com.ibm.wala.cast.ir.ssa.AstLexicalWrite;
import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.cast.ir.ssa.AstPropertyWrite;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IField;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.modref.ExtendedHeapModel;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.types.TypeReference;
import com.ibm.wala.util.collections.Pair;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.ModuleObjectKey;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyInstructionVisitor;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyTypes;

/**
 * Mod-ref over Python IR. The locations written are the pointer keys {@link PyCallGraphBuilder}
 * gives them, so mod sets can be compared with points-to facts:
 *
 * <ul>
 *   <li>an attribute or subscript store ({@code AstPropertyWrite}): the module variable, the
 *       {@link ClassAttributeKey} or the instance field of each object the base may be;
 *   <li>a module variable ({@code AstGlobalWrite}): its static field {@code global module::name};
 *   <li>a {@code nonlocal} write ({@code AstLexicalWrite}): the {@link ClosureVariableKey} of each
 *       activation of the defining function the closure may belong to;
 *   <li>a mutating method of a builtin container ({@code xs.append(v)}): the container's
 *       elements. The front end does not model these methods, so the call is recognised here by
 *       its receiver and method name;
 *   <li>{@code setattr(o, "name", v)} and {@code delattr(o, "name")}: as {@code o.name = v} (a
 *       name computed at run time is not followed);
 *   <li>a call to a {@link PythonIoApis} API: the synthetic {@link PythonIoKey}.
 * </ul>
 *
 * A write through a parameter (or an attribute path below one) that points to nothing writes the
 * {@link UnknownArgumentKey} of that parameter: its object comes from a caller the analysis does
 * not see, and dropping the write would hide a side effect.
 *
 * Allocations write nothing: an object a function creates is not a side effect of creating it.
 *
 * <p>The ref side reads the same locations: an attribute or subscript load ({@code
 * AstPropertyRead}) of each object the base may be, a module variable ({@code AstGlobalRead}) and
 * a closure variable ({@code AstLexicalRead}) of each activation that defines it.
 */
public class PyModRef<T extends InstanceKey> extends AstModRef<T> {
  /** Methods of list, dict and set that change the receiver. */
  private static final Set<String> CONTAINER_MUTATORS =
      Set.of(
          "append", "extend", "insert", "pop", "popitem", "remove", "clear", "update", "setdefault",
          "add", "discard", "sort", "reverse", "__setitem__", "__delitem__", "difference_update",
          "intersection_update", "symmetric_difference_update", "appendleft", "extendleft",
          "popleft");

  private static final Set<TypeReference> CONTAINER_TYPES = Set.of(PyTypes.LIST, PyTypes.DICT, PyTypes.SET);

  /** Library calls returning a fresh builtin container ({@code list(xs)}, {@code sorted(xs)}). */
  private static final Set<String> CONTAINER_FACTORIES =
      Set.of(
          "builtins.list", "builtins.dict", "builtins.set", "builtins.sorted", "builtins.bytearray",
          "collections.defaultdict", "collections.OrderedDict", "collections.Counter", "collections.deque");

  private final PyCallGraphBuilder builder;
  /**
   * Per call site, the library APIs it calls that write something (Python I/O, {@code setattr},
   * {@code delattr}); the others write nothing, so they are not kept.
   */
  private final Map<Pair<CGNode, CallSiteReference>, Set<String>> writingLibraryCalls = new HashMap<>();

  public PyModRef(PyCallGraphBuilder builder) {
    this.builder = builder;
    Map<String, Boolean> writes = new HashMap<>(); // per API: many sites call the same few
    for (PyCallGraphBuilder.LibraryCall c : builder.libraryCalls()) {
      if (writes.computeIfAbsent(c.api(), api -> PythonIoApis.isIo(api) || PythonIoApis.isAttributeSetter(api))) {
        writingLibraryCalls.computeIfAbsent(Pair.make(c.caller(), c.site()), k -> new HashSet<>()).add(c.api());
      }
    }
  }

  @Override
  protected ModVisitor<T, ? extends ExtendedHeapModel> makeModVisitor(
      CGNode n, Collection<PointerKey> result, PointerAnalysis<T> pa, ExtendedHeapModel h, boolean ignoreAllocHeapDefs) {
    return new PyModVisitor<>(n, result, (AstHeapModel) h, pa, this);
  }

  @Override
  protected RefVisitor<T, ? extends ExtendedHeapModel> makeRefVisitor(
      CGNode n, Collection<PointerKey> result, PointerAnalysis<T> pa, ExtendedHeapModel h) {
    return new PyRefVisitor<>(n, result, (AstHeapModel) h, pa, this);
  }

  /**
   * The closure variables {@code access} in {@code n} reads or writes: the activations of the
   * defining function the closure object recorded ({@link PyCallGraphBuilder} resolves them so).
   */
  void closureVariables(CGNode n, Access access, PointerAnalysis<T> pa, AstHeapModel h, Collection<PointerKey> out) {
    if (access.variableDefiner == null) return;
    if (builder.sameMethod(n, access.variableDefiner)) {
      out.add(new ClosureVariableKey(access.variableName, n));
      return;
    }
    Pair<String, String> name = Pair.make(access.variableName, access.variableDefiner);
    for (T closure : pa.getPointsToSet(h.getPointerKeyForLocal(n, 1))) {
      if (!(closure instanceof ScopeMappingInstanceKey smik)) continue;
      for (Iterator<CGNode> it = smik.getFunargNodes(name); it.hasNext(); ) {
        out.add(new ClosureVariableKey(access.variableName, it.next()));
      }
    }
  }

  /** The location that writing attribute {@code name} of {@code object} changes, or null. */
  PointerKey attribute(InstanceKey object, String name) {
    if (object instanceof ModuleObjectKey m) return builder.moduleVariableKey(m.module(), name);
    if (!(object instanceof InstanceObjectKey) && object.getConcreteType() instanceof PyClassType c) {
      return new ClassAttributeKey(c, name);
    }
    // Constants are immutable (and shared by every use of the literal): no write reaches them.
    if (object instanceof ConstantKey<?>) return null;
    return builder.fieldKey(object, name);
  }

  public static boolean isBuiltinContainer(InstanceKey object) {
    if (object instanceof LibraryObjectKey l) return l.isCallResult() && CONTAINER_FACTORIES.contains(l.path());
    return object.getConcreteType() != null && CONTAINER_TYPES.contains(object.getConcreteType().getReference());
  }

  protected static class PyModVisitor<T extends InstanceKey> extends AstModVisitor<T>
      implements PyInstructionVisitor {
    private final PyModRef<T> modRef;
    private final SymbolTable symbols;

    protected PyModVisitor(CGNode n, Collection<PointerKey> result, AstHeapModel h, PointerAnalysis<T> pa, PyModRef<T> modRef) {
      super(n, result, h, pa);
      this.modRef = modRef;
      this.symbols = n.getIR().getSymbolTable();
    }

    private String constantString(int vn) {
      return symbols.isStringConstant(vn) ? (String) symbols.getConstantValue(vn) : null;
    }

    private Iterable<T> pointsTo(int vn) {
      return pa.getPointsToSet(h.getPointerKeyForLocal(n, vn));
    }

    @Override
    public void visitPropertyWrite(AstPropertyWrite instruction) {
      String name = constantString(instruction.getMemberRef());
      if (name == null) {
        super.visitPropertyWrite(instruction);
        return;
      }
      writeAttribute(instruction.getObjectRef(), name);
    }

    private void setAttribute(PyInvokeInstruction call) {
      String name = constantString(call.getArgument(1));
      if (name != null) writeAttribute(call.getArgument(0), name);
    }

    private void writeAttribute(int objectRef, String name) {
      for (T object : pointsTo(objectRef)) {
        PointerKey written = modRef.attribute(object, name);
        if (written != null) result.add(written);
      }
      unknownArgument(objectRef);
    }

    /** Adds the unknown argument {@code vn} is (or is read from), when it points to nothing. */
    private void unknownArgument(int vn) {
      if (!pa.getPointsToSet(h.getPointerKeyForLocal(n, vn)).isEmpty()) return;
      int root = vn;
      while (root > symbols.getNumberOfParameters() && n.getDU().getDef(root) instanceof AstPropertyRead read) {
        root = read.getObjectRef();
      }
      // Value 1 is the function object; Python's parameters follow.
      if (root >= 2 && root <= symbols.getNumberOfParameters()) result.add(new UnknownArgumentKey(n, root));
    }

    @Override
    public void visitAstGlobalWrite(AstGlobalWrite instruction) {
      IField f = pa.getClassHierarchy().resolveField(instruction.getDeclaredField());
      if (f != null) result.add(h.getPointerKeyForStaticField(f));
    }

    @Override
    public void visitAstLexicalWrite(AstLexicalWrite instruction) {
      for (Access access : instruction.getAccesses()) modRef.closureVariables(n, access, pa, h, result);
    }

    @Override
    public void visitPyInvoke(PyInvokeInstruction call) {
      for (String api : modRef.writingLibraryCalls.getOrDefault(Pair.make(n, call.getCallSite()), Set.of())) {
        if (PythonIoApis.isIo(api)) result.add(new PythonIoKey(api));
        if (PythonIoApis.isAttributeSetter(api) && call.getShape().positional() >= 2) setAttribute(call);
      }
      SSAInstruction def = n.getDU().getDef(call.getFunction());
      if (!(def instanceof AstPropertyRead read)) return;
      String method = constantString(read.getMemberRef());
      if (method != null && CONTAINER_MUTATORS.contains(method)) {
        for (T receiver : pointsTo(read.getObjectRef())) {
          if (isBuiltinContainer(receiver)) {
            PointerKey elements = modRef.builder.fieldKey(receiver, PyJsonToCAst.ELEMENTS);
            if (elements != null) result.add(elements);
          }
        }
        unknownArgument(read.getObjectRef());
      }
    }
  }

  /** What an instruction reads, as {@link PyModVisitor} says what it writes. */
  protected static class PyRefVisitor<T extends InstanceKey> extends AstRefVisitor<T> implements PyInstructionVisitor {
    private final PyModRef<T> modRef;
    private final SymbolTable symbols;

    protected PyRefVisitor(CGNode n, Collection<PointerKey> result, AstHeapModel h, PointerAnalysis<T> pa, PyModRef<T> modRef) {
      super(n, result, pa, h);
      this.modRef = modRef;
      this.symbols = n.getIR().getSymbolTable();
    }

    @Override
    public void visitPropertyRead(AstPropertyRead instruction) {
      int member = instruction.getMemberRef();
      String name = symbols.isStringConstant(member) ? (String) symbols.getConstantValue(member) : null;
      if (name == null) return; // a name computed at run time is not followed
      for (T object : pa.getPointsToSet(h.getPointerKeyForLocal(n, instruction.getObjectRef()))) {
        PointerKey read = modRef.attribute(object, name);
        if (read != null) result.add(read);
      }
    }

    @Override
    public void visitAstGlobalRead(AstGlobalRead instruction) {
      IField f = pa.getClassHierarchy().resolveField(instruction.getDeclaredField());
      if (f != null) result.add(h.getPointerKeyForStaticField(f));
    }

    @Override
    public void visitAstLexicalRead(AstLexicalRead instruction) {
      for (Access access : instruction.getAccesses()) modRef.closureVariables(n, access, pa, h, result);
    }
  }
}
