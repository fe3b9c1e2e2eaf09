package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import java.util.ArrayList;
import java.util.List;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyTypes;

/** Results of builtins modelled by a {@link LibraryModel.BuiltinRule}. */
final class BuiltinResults extends NodeConstraints {
  private final PyInvokeInstruction call;
  private final String api;
  private final PointerKey result;
  private final int pc;

  BuiltinResults(PyConstraintVisitor visitor, PyInvokeInstruction call, String api, PointerKey result) {
    super(visitor);
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
    forEachObject(vn, api + " elements", object -> visitor.attributes.readAttribute(object, PyJsonToCAst.ELEMENTS, target, pc));
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
