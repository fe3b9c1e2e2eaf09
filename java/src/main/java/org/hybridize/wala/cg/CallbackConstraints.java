package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import java.util.function.Consumer;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.HigherOrderApi.Argument;
import org.hybridize.wala.cg.HigherOrderApi.Callback;
import org.hybridize.wala.cg.HigherOrderApi.Made;
import org.hybridize.wala.cg.HigherOrderApi.Parameter;
import org.hybridize.wala.cg.HigherOrderApi.ReceiverElement;
import org.hybridize.wala.cg.HigherOrderApi.Source;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;
import org.hybridize.wala.cg.PyObjectKeys.BoundMethodKey;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyTypes;

/**
 * A call of a higher-order library API the model lists ({@link HigherOrderApi}): the project
 * functions passed as its callback arguments are called from the API's call site, each parameter
 * bound to what the model says the API passes (tensors it makes, a dataset's elements, another
 * argument or its elements), and the callbacks' results flow into the API's result where the
 * model says the API returns them ({@code tf.cond}).
 */
final class CallbackConstraints extends NodeConstraints {
  private final PyInvokeInstruction call;
  private final String api;
  private final ValueKind receiver;
  private final PointerKey result;

  CallbackConstraints(PyConstraintVisitor visitor, PyInvokeInstruction call, String api, ValueKind receiver, PointerKey result) {
    super(visitor);
    this.call = call;
    this.api = api;
    this.receiver = receiver;
    this.result = result;
  }

  void apply(HigherOrderApi spec) {
    for (Callback callback : spec.callbacks()) {
      int vn = argument(spec, callback.argument());
      if (vn < 0) continue;
      PointerKey returned = spec.resultFrom().contains(callback.argument()) ? result : null;
      forEachObject(vn, api + " callback", object -> forEachFunction(object, callback.within(), function -> {
        InstanceKey self = function instanceof BoundMethodKey b ? b.self() : null;
        InstanceKey code = function instanceof BoundMethodKey b ? b.function() : function;
        visitor.calls.callFunction(code, self, call.getCallSite(), true, returned,
            binder -> bind(spec, callback, binder));
      }));
    }
  }

  /** {@code object} if it is a function, else the functions {@code within} container levels inside it. */
  private void forEachFunction(InstanceKey object, int within, Consumer<InstanceKey> action) {
    if (object instanceof BoundMethodKey || isCode(object)) {
      action.accept(object);
    } else if (within > 0) {
      for (PointerKey inner : new PointerKey[] {containerElements(object), positions(object)}) {
        if (inner != null) forEachObject(inner, api + " callbacks", o -> forEachFunction(o, within - 1, action));
      }
    }
  }

  /** A tuple's elements by position (({@code (pred, fn)} pairs of {@code tf.case}). */
  private PointerKey positions(InstanceKey object) {
    boolean tuple = object.getConcreteType() != null && object.getConcreteType().getReference().equals(PyTypes.TUPLE);
    return tuple ? py.fieldKey(object, PyJsonToCAst.ANY_POSITION) : null;
  }

  private void bind(HigherOrderApi spec, Callback callback, ArgumentBinder binder) {
    for (int p = 0; p < callback.parameters().size(); p++) {
      Parameter parameter = callback.parameters().get(p);
      // One argument, spread over the remaining parameters, is bound as f(*argument).
      if (parameter.spread() && parameter.sources().size() == 1 && parameter.sources().get(0) instanceof Argument a) {
        int vn = argument(spec, a.name());
        if (vn >= 0) binder.bindUnpacked(vn);
        continue;
      }
      PointerKey value = new CallbackArgumentKey(node, call.getCallSite(), callback.argument() + "#" + p);
      for (Source source : parameter.sources()) supply(spec, callback, source, value);
      if (parameter.spread()) binder.spreadValue(value);
      else binder.bindValue(value);
    }
  }

  private void supply(HigherOrderApi spec, Callback callback, Source source, PointerKey value) {
    String path = api + "[" + callback.argument() + "]";
    if (source instanceof Made m) {
      system.newConstraint(value, LibraryObjectKey.value(path, m.kind(), typeOf(m.kind().type()), node, call.getCallSite()));
    } else if (source instanceof ReceiverElement) {
      ValueKind element = receiver == null ? null : receiver.element();
      if (element != null) {
        system.newConstraint(value, LibraryObjectKey.value(path, element, typeOf(element.type()), node, call.getCallSite()));
      }
    } else if (source instanceof Argument a) {
      int vn = argument(spec, a.name());
      if (vn >= 0) flowLocalInto(value, vn);
    }
  }

  private int argument(HigherOrderApi spec, String name) {
    return argument(call, name, spec.arguments().get(name));
  }
}
