package org.hybridize.analysis;

import com.ibm.wala.cast.ipa.callgraph.ScopeMappingInstanceKeys.ScopeMappingInstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.util.intset.OrdinalSet;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.PackedArgumentsKey;
import org.hybridize.wala.ir.PyTypes;

/** Questions to the pointer analysis that several analyses ask. */
final class HeapQueries {
  private HeapQueries() {}

  /**
   * The element slot of a container: a tuple, list, dict, set or generator the program built,
   * packed arguments, or what a library call made and the program stored elements in ({@code
   * list(xs)}). Null for anything else (project objects count by identity, not by their fields).
   */
  static PointerKey elements(AnalysedProject engine, InstanceKey object) {
    if (object instanceof ScopeMappingInstanceKey || object instanceof ConstantKey<?> || object instanceof InstanceObjectKey) {
      return null;
    }
    boolean container =
        object instanceof PackedArgumentsKey
            || (object instanceof LibraryObjectKey l && l.kind() == null && l.isCallResult())
            || (object.getConcreteType() != null && PyTypes.isContainer(object.getConcreteType().getReference()));
    return container ? engine.builder().fieldKey(object, PyJsonToCAst.ELEMENTS) : null;
  }

  /** What {@code key} may point to; empty for a key WALA cannot reconstruct (wala/ML#668). */
  static OrdinalSet<InstanceKey> pointsTo(PointerAnalysis<InstanceKey> pa, PointerKey key) {
    try {
      return pa.getPointsToSet(key);
    } catch (RuntimeException | AssertionError e) {
      return OrdinalSet.empty();
    }
  }
}
