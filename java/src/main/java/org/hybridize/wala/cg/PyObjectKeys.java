package org.hybridize.wala.cg;

import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.classLoader.NewSiteReference;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.util.collections.EmptyIterator;
import com.ibm.wala.util.collections.NonNullSingletonIterator;
import com.ibm.wala.util.collections.Pair;
import java.util.Iterator;
import java.util.Objects;
import org.hybridize.wala.ir.PyClassType;

/**
 * The abstract objects the Python builder creates itself (no {@code new} instruction makes
 * them). Allocations that do come from IR ({@code new} of functions, classes, lists...) use
 * WALA's ordinary allocation-site keys.
 */
public final class PyObjectKeys {
  private PyObjectKeys() {}

  /** An allocation attributed to a call site (an instance, a library result, packed args). */
  public abstract static class CallSiteAllocation implements InstanceKey {
    protected final CGNode creator;
    protected final CallSiteReference site;

    CallSiteAllocation(CGNode creator, CallSiteReference site) {
      this.creator = creator;
      this.site = site;
    }

    public CGNode creator() {
      return creator;
    }

    public CallSiteReference site() {
      return site;
    }

    @Override
    public Iterator<Pair<CGNode, NewSiteReference>> getCreationSites(CallGraph cg) {
      if (creator == null) return EmptyIterator.instance();
      return new NonNullSingletonIterator<>(
          Pair.make(
              creator,
              NewSiteReference.make(site.getProgramCounter(), getConcreteType().getReference())));
    }
  }

  /** An instance of a project class, created by calling the class object. */
  public static final class InstanceObjectKey extends CallSiteAllocation {
    private final InstanceKey classObject;
    private final PyClassType type;

    public InstanceObjectKey(InstanceKey classObject, PyClassType type, CGNode creator, CallSiteReference site) {
      super(creator, site);
      this.classObject = classObject;
      this.type = type;
    }

    public InstanceKey classObject() {
      return classObject;
    }

    public PyClassType type() {
      return type;
    }

    @Override
    public IClass getConcreteType() {
      return type;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof InstanceObjectKey k
          && k.classObject.equals(classObject)
          && k.creator.equals(creator)
          && k.site.equals(site);
    }

    @Override
    public int hashCode() {
      return Objects.hash(classObject, creator, site);
    }

    @Override
    public String toString() {
      return "instance " + type.getName() + " @ " + creator.getMethod().getDeclaringClass().getName() + ":" + site.getProgramCounter();
    }
  }

  /**
   * An object outside the project, named by its dotted path ({@code tensorflow.math.add}); with a
   * creator it was made at that site: the result of a library call, or a typed value an operator,
   * subscript or attribute read produced. Its {@link ValueKind} (null: untyped) comes from the API
   * model; a {@link ValueKind#METHOD} also knows the kind of its receiver.
   */
  public static final class LibraryObjectKey extends CallSiteAllocation {
    private final String path;
    private final IClass libraryClass;
    private final ValueKind kind;
    private final ValueKind receiver;
    private final boolean callResult;

    /** An untyped library object: a module, class or function of a library, or its result. */
    public LibraryObjectKey(String path, IClass libraryClass, CGNode creator, CallSiteReference site) {
      this(path, libraryClass, creator, site, null, null, creator != null);
    }

    private LibraryObjectKey(
        String path, IClass libraryClass, CGNode creator, CallSiteReference site, ValueKind kind,
        ValueKind receiver, boolean callResult) {
      super(creator, site);
      this.path = path;
      this.libraryClass = libraryClass;
      this.kind = kind;
      this.receiver = receiver;
      this.callResult = callResult;
    }

    /** What library call {@code path} made at {@code site} returns, of kind {@code kind}. */
    public static LibraryObjectKey callResult(
        String path, ValueKind kind, IClass type, CGNode creator, CallSiteReference site) {
      return new LibraryObjectKey(path, type, creator, site, kind, null, true);
    }

    /**
     * A typed value made at {@code site} by an operator, a subscript or an attribute read (not a
     * call: calling it calls {@code path}, not {@code path.__call__}).
     */
    public static LibraryObjectKey value(
        String path, ValueKind kind, IClass type, CGNode creator, CallSiteReference site) {
      return new LibraryObjectKey(path, type, creator, site, kind, null, false);
    }

    /** Method {@code path} of a value of kind {@code receiver}, not yet called. */
    public static LibraryObjectKey method(String path, ValueKind receiver, IClass type) {
      return new LibraryObjectKey(path, type, null, null, ValueKind.METHOD, receiver, false);
    }

    public String path() {
      return path;
    }

    /** Null when the API model does not type the object. */
    public ValueKind kind() {
      return kind;
    }

    /** For a {@link ValueKind#METHOD}: the kind of the value it was read from. */
    public ValueKind receiver() {
      return receiver;
    }

    public boolean isCallResult() {
      return callResult;
    }

    @Override
    public IClass getConcreteType() {
      return libraryClass;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof LibraryObjectKey k
          && k.path.equals(path)
          && k.kind == kind
          && k.receiver == receiver
          && k.callResult == callResult
          && Objects.equals(k.creator, creator)
          && Objects.equals(k.site, site);
    }

    @Override
    public int hashCode() {
      return Objects.hash(path, kind, creator, site);
    }

    @Override
    public String toString() {
      return "library " + path + (kind == null ? "" : " : " + kind.modelName())
          + (creator == null ? "" : " @ " + site.getProgramCounter());
    }
  }

  /** A packed {@code *args} tuple or {@code **kwargs} dict built for one call. */
  public static final class PackedArgumentsKey extends CallSiteAllocation {
    private final IClass type;
    private final CGNode callee;

    public PackedArgumentsKey(IClass type, CGNode creator, CallSiteReference site, CGNode callee) {
      super(creator, site);
      this.type = type;
      this.callee = callee;
    }

    @Override
    public IClass getConcreteType() {
      return type;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PackedArgumentsKey k
          && k.type.equals(type)
          && k.creator.equals(creator)
          && k.site.equals(site)
          && k.callee.equals(callee);
    }

    @Override
    public int hashCode() {
      return Objects.hash(type, creator, site, callee);
    }

    @Override
    public String toString() {
      return "packed " + type.getName() + " @ " + site.getProgramCounter();
    }
  }

  /** A project module object (what {@code import m} binds). */
  public static final class ModuleObjectKey implements InstanceKey {
    private final String module;
    private final IClass moduleClass;

    public ModuleObjectKey(String module, IClass moduleClass) {
      this.module = module;
      this.moduleClass = moduleClass;
    }

    public String module() {
      return module;
    }

    @Override
    public IClass getConcreteType() {
      return moduleClass;
    }

    @Override
    public Iterator<Pair<CGNode, NewSiteReference>> getCreationSites(CallGraph cg) {
      return EmptyIterator.instance();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ModuleObjectKey k && k.module.equals(module);
    }

    @Override
    public int hashCode() {
      return module.hashCode() * 13;
    }

    @Override
    public String toString() {
      return "module " + module;
    }
  }

  /** Base for keys derived from other keys. */
  private abstract static class DerivedKey implements InstanceKey {
    protected final InstanceKey function;
    protected final IClass type;

    DerivedKey(InstanceKey function, IClass type) {
      this.function = function;
      this.type = type;
    }

    public InstanceKey function() {
      return function;
    }

    @Override
    public IClass getConcreteType() {
      return type;
    }

    @Override
    public Iterator<Pair<CGNode, NewSiteReference>> getCreationSites(CallGraph cg) {
      return function.getCreationSites(cg);
    }
  }

  /**
   * A method of a list, dict or set the program built ({@code xs.append}): calling it moves
   * values into or out of the container's elements.
   */
  public static final class ContainerMethodKey extends DerivedKey {
    private final String name;

    public ContainerMethodKey(InstanceKey container, String name, IClass type) {
      super(container, type);
      this.name = name;
    }

    public InstanceKey container() {
      return function;
    }

    public String name() {
      return name;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ContainerMethodKey k && k.function.equals(function) && k.name.equals(name);
    }

    @Override
    public int hashCode() {
      return Objects.hash(function, name, 5);
    }

    @Override
    public String toString() {
      return "[" + name + " of " + function + "]";
    }
  }

  /** A method bound to a receiver: calling it passes {@code self} as the first parameter. */
  public static final class BoundMethodKey extends DerivedKey {
    private final InstanceKey self;

    public BoundMethodKey(InstanceKey function, InstanceKey self, IClass type) {
      super(function, type);
      this.self = self;
    }

    public InstanceKey self() {
      return self;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BoundMethodKey k && k.function.equals(function) && k.self.equals(self);
    }

    @Override
    public int hashCode() {
      return Objects.hash(function, self, 3);
    }

    @Override
    public String toString() {
      return "bound " + function + " to " + self;
    }
  }

  /** What {@code staticmethod}, {@code classmethod} and {@code property} wrap a function in. */
  public static final class WrappedFunctionKey extends DerivedKey {
    public enum Kind {
      STATICMETHOD,
      CLASSMETHOD,
      PROPERTY
    }

    private final Kind kind;

    public WrappedFunctionKey(Kind kind, InstanceKey function, IClass type) {
      super(function, type);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WrappedFunctionKey k && k.kind == kind && k.function.equals(function);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, function);
    }

    @Override
    public String toString() {
      return kind.name().toLowerCase() + " " + function;
    }
  }

  /** {@code super()} in a method of {@code after}, for receiver {@code self}. */
  public static final class SuperKey extends DerivedKey {
    private final com.ibm.wala.types.TypeReference after;

    public SuperKey(com.ibm.wala.types.TypeReference after, InstanceKey self, IClass type) {
      super(self, type);
      this.after = after;
    }

    public com.ibm.wala.types.TypeReference after() {
      return after;
    }

    public InstanceKey self() {
      return function;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SuperKey k && k.after.equals(after) && k.function.equals(function);
    }

    @Override
    public int hashCode() {
      return Objects.hash(after, function, 5);
    }

    @Override
    public String toString() {
      return "super(" + after.getName() + ", " + function + ")";
    }
  }
}
