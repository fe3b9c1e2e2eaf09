package org.hybridize.wala.cg;

import com.ibm.wala.cast.loader.CAstAbstractModuleLoader.DynamicMethodObject;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.hybridize.wala.cast.CallShape;
import org.hybridize.wala.cast.PyEntities.FunctionEntity;
import org.hybridize.wala.cast.PyEntities.ParameterLayout;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;
import org.hybridize.wala.cg.PyObjectKeys.PackedArgumentsKey;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyTypes;

/** Binds actual arguments to the formals of one callee node. */
final class ArgumentBinder extends NodeConstraints {
  private final CGNode target;
  private final InstanceKey function;
  private final CallSiteReference site;
  private final ParameterLayout layout;
  private final Set<Integer> bound = new HashSet<>();
  private int nextPositional;
  private PointerKey packedArgs;
  private PointerKey packedKwargs;

  ArgumentBinder(
      PyConstraintVisitor visitor, CGNode target, IMethod method, InstanceKey function, CallSiteReference site) {
    super(visitor);
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
    record(index, getPointerKeyForLocal(vn), passing);
  }

  private void record(int index, PointerKey actual, ArgumentBinding.Passing passing) {
    py.argumentBindings.add(new ArgumentBinding(node, site, target, index, actual, passing));
  }

  /** Binds {@code value} (an argument a library passes back) to the next positional slot. */
  void bindValue(PointerKey value) {
    if (nextPositional < layout.positional()) record(nextPositional, value, ArgumentBinding.Passing.DIRECT);
    else if (layout.varargs() >= 0) record(layout.varargs(), value, ArgumentBinding.Passing.PACKED);
    positional(formal -> flow(formal, value));
  }

  /**
   * Binds {@code value} to every remaining positional parameter without a default (at least
   * one slot): how {@code Dataset.map} passes the components of an element.
   */
  void spreadValue(PointerKey value) {
    bindValue(value);
    while (nextPositional < layout.positional() && !layout.defaulted().contains(layout.names().get(nextPositional))) {
      bindValue(value);
    }
  }

  /** Binds the elements of local {@code spread} as {@code f(*spread)} does. */
  void bindUnpacked(int spread) {
    List<PointerKey> targets = new ArrayList<>();
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
    // Unpacked sequence: its elements may reach every remaining positional formal.
    if (shape.starArgs()) bindUnpacked(call.getArgument(shape.starArgsIndex()));
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
