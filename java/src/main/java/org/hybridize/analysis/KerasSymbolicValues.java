package org.hybridize.analysis;

import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ssa.IR;
import com.ibm.wala.ssa.SSAAbstractInvokeInstruction;
import java.util.HashSet;
import java.util.Set;
import org.hybridize.wala.cg.PyCallGraphBuilder.LibraryCall;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.ValueKind;
import org.hybridize.wala.ir.PyInvokeInstruction;

/**
 * The abstract objects that are Keras symbolic tensors ({@code KerasTensor}): what {@code
 * keras.Input(...)} makes (every spelling of it reaches one API path of the model, {@code
 * keras} and {@code tf_keras} alias {@code tensorflow.keras}), and the tensors a library call
 * computes from a symbolic argument (a layer applied to one, an op on one in the functional
 * API). {@code tf.function} refuses such a value outright, on Keras 3 and Keras 2 alike.
 *
 * <p>Only tensor results propagate: {@code keras.Model(inputs, outputs)} is a model, not a
 * symbolic tensor. A list passed to a call counts by its elements ({@code Concatenate()([a,
 * b])}).
 */
public final class KerasSymbolicValues {
  /** The model's paths of the Keras symbolic-input constructors. */
  private static final Set<String> INPUTS = Set.of("tensorflow.keras.Input", "tensorflow.keras.layers.Input");

  private final AnalysedProject project;

  public KerasSymbolicValues(AnalysedProject project) {
    this.project = project;
  }

  /** Every symbolic object: the inputs, then what calls compute from them, to a fixpoint. */
  public Set<InstanceKey> all() {
    Set<InstanceKey> symbolic = new HashSet<>();
    if (project.pointerAnalysis() == null) return symbolic;
    for (InstanceKey object : project.pointerAnalysis().getInstanceKeys()) {
      if (object instanceof LibraryObjectKey l && l.isCallResult() && INPUTS.contains(l.path())) symbolic.add(object);
    }
    boolean changed = !symbolic.isEmpty();
    while (changed) {
      changed = false;
      for (LibraryCall call : project.builder().libraryCalls()) {
        changed |= propagate(call, symbolic);
      }
    }
    return symbolic;
  }

  private boolean propagate(LibraryCall call, Set<InstanceKey> symbolic) {
    IR ir = call.caller().getIR();
    if (ir == null) return false;
    boolean changed = false;
    for (SSAAbstractInvokeInstruction instruction : ir.getCalls(call.site())) {
      if (!(instruction instanceof PyInvokeInstruction invoke) || invoke.getNumberOfDefs() == 0) continue;
      if (!takesSymbolic(call, invoke, symbolic)) continue;
      for (InstanceKey result : pointsTo(call, invoke.getDef())) {
        if (ValueKind.of(result) == ValueKind.TENSOR) changed |= symbolic.add(result);
      }
    }
    return changed;
  }

  private boolean takesSymbolic(LibraryCall call, PyInvokeInstruction invoke, Set<InstanceKey> symbolic) {
    for (int a = 0; a < invoke.getShape().argumentCount(); a++) {
      for (InstanceKey object : pointsTo(call, invoke.getArgument(a))) {
        if (symbolic.contains(object)) return true;
        PointerKey elements = HeapQueries.elements(project, object);
        if (elements == null) continue;
        for (InstanceKey element : HeapQueries.pointsTo(project.pointerAnalysis(), elements)) {
          if (symbolic.contains(element)) return true;
        }
      }
    }
    return false;
  }

  private Iterable<InstanceKey> pointsTo(LibraryCall call, int vn) {
    return HeapQueries.pointsTo(project.pointerAnalysis(), project.builder().getPointerKeyForLocal(call.caller(), vn));
  }
}
