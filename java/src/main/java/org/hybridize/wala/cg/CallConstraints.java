package org.hybridize.wala.cg;

import com.ibm.wala.cast.loader.CAstAbstractModuleLoader.DynamicMethodObject;
import com.ibm.wala.cast.types.AstMethodReference;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.Context;
import com.ibm.wala.ipa.callgraph.impl.ExplicitCallGraph;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.util.CancelException;
import java.util.function.Consumer;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyCallGraphBuilder.ImplicitCall;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;
import org.hybridize.wala.cg.PyObjectKeys.BoundMethodKey;
import org.hybridize.wala.cg.PyObjectKeys.ContainerMethodKey;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.WrappedFunctionKey;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyInvokeInstruction;

/**
 * Python call semantics over the points-to set of a callee: function objects, bound methods,
 * static methods, container methods, library objects, callable instances (project {@code
 * __call__}, or Keras' {@code call}) and classes (an instance per call site, {@code __init__}
 * along the MRO). Arguments bind in {@link ArgumentBinder}.
 */
final class CallConstraints extends NodeConstraints {
  CallConstraints(PyConstraintVisitor visitor) {
    super(visitor);
  }

  void invoke(PyInvokeInstruction call) {
    PointerKey result = getPointerKeyForLocal(call.getReturnValue(0));
    forEachObject(call.getFunction(), "call", callee -> dispatch(call, callee, result));
  }

  void dispatch(PyInvokeInstruction call, InstanceKey callee, PointerKey result) {
    CallSiteReference site = call.getCallSite();
    if (callee instanceof BoundMethodKey b) {
      callFunction(b.function(), b.self(), site, call, result);
    } else if (callee instanceof WrappedFunctionKey w) {
      if (w.kind() == WrappedFunctionKey.Kind.STATICMETHOD) callFunction(w.function(), null, site, call, result);
    } else if (callee instanceof ContainerMethodKey m) {
      callContainerMethod(m, call, result);
    } else if (callee instanceof LibraryObjectKey l) {
      visitor.libraries.callLibrary(l, call, result);
    } else if (callee instanceof InstanceObjectKey inst) {
      PyClassType owner = callableMethodOwner(inst.type());
      if (owner == null) return;
      String method = owner.declares("__call__") ? "__call__" : "call";
      forEachObject(new ClassAttributeKey(owner, method), method, fn -> {
        if (isCode(fn)) callFunction(fn, inst, site, call, result);
      });
      String keras = method.equals("call") ? visitor.attributes.kerasBase(inst.type()) : null;
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
              object -> visitor.attributes.readAttribute(object, PyJsonToCAst.ELEMENTS, elements, pc));
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

  private void construct(PyClassType type, InstanceKey classObject, PyInvokeInstruction call, PointerKey result) {
    InstanceObjectKey instance = new InstanceObjectKey(classObject, type, node, call.getCallSite());
    system.newConstraint(result, instance);
    PyClassType owner = type.findOwner("__init__");
    if (owner == null) return;
    forEachObject(new ClassAttributeKey(owner, "__init__"), "__init__", init -> {
      if (isCode(init)) callFunction(init, instance, call.getCallSite(), call, null);
    });
  }

  /** The library may call any project function passed to it (with unknown arguments). */
  void callFunctionArguments(PyInvokeInstruction call) {
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
  void callFunction(
      InstanceKey called, InstanceKey self, CallSiteReference site, PyInvokeInstruction call, PointerKey result) {
    callFunction(called, self, site, call == null, result, binder -> {
      if (call != null) binder.bind(call);
    });
  }

  /**
   * Calls {@code called} as above, its arguments bound by {@code arguments}; {@code implicit}: no
   * IR call instruction of this node calls it (a property getter, a library calling back).
   */
  void callFunction(
      InstanceKey called, InstanceKey self, CallSiteReference site, boolean implicit, PointerKey result,
      Consumer<ArgumentBinder> arguments) {
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
    if (((ExplicitCallGraph.ExplicitNode) node).addTarget(site, target) && implicit) {
      py.implicitCalls.add(new ImplicitCall(node, site, target));
    }
    if (!py.haveAlreadyVisited(target)) py.markDiscovered(target);

    system.newConstraint(py.getPointerKeyForLocal(target, 1), function);
    ArgumentBinder binder = new ArgumentBinder(visitor, target, method, function, site);
    if (self != null) binder.positional(formal -> system.newConstraint(formal, self));
    arguments.accept(binder);
    binder.applyDefaults();
    if (result != null) flow(result, py.getPointerKeyForReturnValue(target));
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
}
