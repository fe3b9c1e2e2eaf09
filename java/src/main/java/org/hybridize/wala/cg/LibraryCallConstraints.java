package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.types.TypeReference;
import org.hybridize.wala.cg.PyCallGraphBuilder.LibraryCall;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.WrappedFunctionKey;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyTypes;

/**
 * Calls of library objects: each is recorded as a {@link PyCallGraphBuilder.LibraryCall};
 * {@code staticmethod}/{@code classmethod}/{@code property} wrap their function, {@code
 * tf.function} makes a Function object, other decorators pass what they decorate; higher-order
 * APIs the model lists call the functions passed to them ({@link CallbackConstraints}); builtins
 * follow their {@link LibraryModel.BuiltinRule}; any other call returns a library object typed by
 * the API model.
 */
final class LibraryCallConstraints extends NodeConstraints {
  LibraryCallConstraints(PyConstraintVisitor visitor) {
    super(visitor);
  }

  void callLibrary(LibraryObjectKey callee, PyInvokeInstruction call, PointerKey result) {
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
    if (api.equals("builtins.type") && call.getShape().argumentCount() == 1) {
      // type(self).f(self, x): the class of a project instance is its class object.
      forEachObject(call.getArgument(0), "type()", object -> {
        if (object instanceof InstanceObjectKey inst) system.newConstraint(result, inst.classObject());
      });
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
    HigherOrderApi higherOrder =
        py.libraryModel.higherOrder(api, callee.kind() == ValueKind.METHOD ? callee.receiver() : null);
    if (higherOrder != null) {
      new CallbackConstraints(visitor, call, api, receiver, result).apply(higherOrder);
    } else if (py.settings.libraryCallbacks() && py.libraryModel.callsArguments(api)) {
      visitor.calls.callFunctionArguments(call);
    }
    LibraryModel.BuiltinRule rule = py.libraryModel.builtinRule(api);
    if (rule != null) {
      new BuiltinResults(visitor, call, api, result).apply(rule);
      return;
    }
    String type = py.libraryModel.resultType(api);
    if (callee.kind() == ValueKind.METHOD && resultLikeArgument(call, callee.receiver(), api, type, result)) return;
    ValueKind kind = resultKind(callee, api);
    system.newConstraint(
        result,
        kind == null
            ? new LibraryObjectKey(type, typeOf(PyTypes.LIBRARY), node, call.getCallSite())
            : LibraryObjectKey.callResult(type, kind, typeOf(kind.type()), node, call.getCallSite()));
  }

  /**
   * {@code tape.gradient(loss, sources)} returns what {@code sources} is made of: a list of
   * tensors for a list or tuple (of variables), a tensor for a tensor. False when the model says
   * nothing of the method or the call does not pass the argument.
   */
  private boolean resultLikeArgument(PyInvokeInstruction call, ValueKind receiver, String api, String type, PointerKey result) {
    LibraryModel.ArgumentRef like = py.libraryModel.resultLikeArgument(receiver, api.substring(api.lastIndexOf('.') + 1));
    int vn = like == null ? -1 : argument(call, like.name(), like.position());
    if (vn < 0) return false;
    forEachObject(vn, type, object -> {
      ValueKind kind = isSequence(object) ? ValueKind.TENSOR_LIST : ValueKind.TENSOR;
      system.newConstraint(result, LibraryObjectKey.callResult(type, kind, typeOf(kind.type()), node, call.getCallSite()));
    });
    return true;
  }

  private static boolean isSequence(InstanceKey object) {
    ValueKind kind = ValueKind.of(object);
    if (kind != null) return kind.isTensorList();
    TypeReference type = object.getConcreteType() == null ? null : object.getConcreteType().getReference();
    return PyTypes.LIST.equals(type) || PyTypes.TUPLE.equals(type);
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
      String method = api.substring(api.lastIndexOf('.') + 1);
      // `with tf.GradientTape() as tape`: a TensorFlow object's __enter__ returns the object.
      if (method.equals("__enter__") && callee.receiver() == ValueKind.TF_OBJECT) return ValueKind.TF_OBJECT;
      return model.methodResult(callee.receiver(), method);
    }
    if (callee.kind() != null) return model.callResult(callee.kind());
    return callee.isCallResult() ? null : model.resultKind(api);
  }
}
