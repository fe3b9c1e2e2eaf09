package org.hybridize.analysis;

import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import org.hybridize.wala.cg.PyCallGraphBuilder;
import org.hybridize.wala.ir.PyLoader;

/**
 * What the analyses read of a built project: its call graph, pointer analysis and the builder
 * that made them. The engine implements it; declaring it here keeps the analyses below the
 * engine (they never see how a project is loaded or how results reach Python).
 */
public interface AnalysedProject {
  CallGraph callGraph();

  /** Null when the project had no module to analyse. */
  PointerAnalysis<InstanceKey> pointerAnalysis();

  PyCallGraphBuilder builder();

  PyLoader loader();

  /** Dotted qualified name of a node's function ({@code pkg.mod.C.f}); null if not project code. */
  String qualifiedName(CGNode node);

  /** Python parameter name of value number {@code vn} in {@code node}, or null. */
  String parameterName(CGNode node, int vn);
}
