package org.hybridize.analysis;

import com.ibm.wala.cast.types.AstMethodReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hybridize.wala.ir.PyNames;
import org.hybridize.wala.ir.PyTypes;

/**
 * What the whole-function analyses share: the project's functions with their call-graph nodes,
 * and a function's closure (every node its nodes transitively call) with the call chains into it.
 */
final class FunctionClosures {
  private FunctionClosures() {}

  /** Every project function (not module body) with a call-graph node, by qualified name. */
  static Map<String, Set<CGNode>> functions(AnalysedProject project) {
    Map<String, Set<CGNode>> out = new TreeMap<>();
    for (IClass c : project.loader().codeBodies()) {
      if (c.getSuperclass().getReference().equals(PyTypes.SCRIPT)) continue;
      Set<CGNode> nodes = project.callGraph().getNodes(c.getMethod(AstMethodReference.fnSelector).getReference());
      if (!nodes.isEmpty()) out.put(PyNames.qualifiedName(c.getName().toString()), nodes);
    }
    return out;
  }

  /** The closure of {@code roots}, breadth-first, each node mapped to the node that called it. */
  static Map<CGNode, CGNode> reachable(CallGraph cg, Set<CGNode> roots) {
    Map<CGNode, CGNode> caller = new LinkedHashMap<>();
    Deque<CGNode> work = new ArrayDeque<>();
    for (CGNode r : roots) {
      caller.put(r, null);
      work.add(r);
    }
    while (!work.isEmpty()) {
      CGNode n = work.poll();
      cg.getSuccNodes(n).forEachRemaining(s -> {
        if (!caller.containsKey(s)) {
          caller.put(s, n);
          work.add(s);
        }
      });
    }
    return caller;
  }

  /** Qualified names of the callees from a root of {@code caller} down to {@code n}. */
  static List<String> via(AnalysedProject project, CGNode n, Map<CGNode, CGNode> caller) {
    List<String> chain = new ArrayList<>();
    for (CGNode at = n; caller.get(at) != null; at = caller.get(at)) chain.add(0, project.qualifiedName(at));
    return chain;
  }
}
