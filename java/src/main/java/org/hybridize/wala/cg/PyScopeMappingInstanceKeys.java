package org.hybridize.wala.cg;

import com.ibm.wala.cast.ipa.callgraph.ScopeMappingInstanceKeys;
import com.ibm.wala.cast.loader.AstMethod;
import com.ibm.wala.cast.loader.AstMethod.LexicalParent;
import com.ibm.wala.cast.types.AstMethodReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKeyFactory;
import com.ibm.wala.ipa.callgraph.propagation.PropagationCallGraphBuilder;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import com.ibm.wala.util.collections.Pair;
import java.util.Collection;
import java.util.Collections;
import org.hybridize.wala.ir.PyTypes;

/**
 * Function objects allocated inside another function remember the allocating call-graph node,
 * so the closure's lexical reads find the right activation of the enclosing function.
 */
public class PyScopeMappingInstanceKeys extends ScopeMappingInstanceKeys {
  private final IClassHierarchy cha;
  private final IClass codeBody;

  public PyScopeMappingInstanceKeys(
      IClassHierarchy cha, PropagationCallGraphBuilder builder, InstanceKeyFactory basic) {
    super(builder, basic);
    this.cha = cha;
    this.codeBody = cha.lookupClass(PyTypes.CODE_BODY);
  }

  private static LexicalParent[] parents(InstanceKey base) {
    IMethod m = base.getConcreteType().getMethod(AstMethodReference.fnSelector);
    return m instanceof AstMethod am ? am.getParents() : new LexicalParent[0];
  }

  @Override
  protected boolean needsScopeMappingKey(InstanceKey base) {
    return cha.isSubclassOf(base.getConcreteType(), codeBody) && parents(base).length > 0;
  }

  @Override
  protected boolean isTrueConstructorCall(Pair<String, String> name, CGNode callerOfConstructor) {
    // The creator defines the variable, or the search continues through its own closure.
    return name.snd == null
        || name.snd.equals(callerOfConstructor.getMethod().getDeclaringClass().getName().toString());
  }

  @Override
  protected Collection<CGNode> getConstructorCallers(ScopeMappingInstanceKey smik, Pair<String, String> name) {
    // Python function objects are allocated directly by the enclosing function's code.
    return Collections.singleton(smik.getCreator());
  }
}
