package org.hybridize.wala.cg;

import com.ibm.wala.cast.loader.DynamicCallSiteReference;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;
import org.hybridize.wala.cg.PyObjectKeys.WrappedFunctionKey;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyLoader;
import org.hybridize.wala.ir.PyNames;
import org.hybridize.wala.ir.PyTypes;

/**
 * Calls, from the root, every module-level function and every method of a module-level class
 * with unknown arguments, so that functions the project never calls itself still get a
 * call-graph node. Functions are reached through the module variable or class attribute
 * holding them (so defaults and closures are those of the real function object, and a
 * decorated function is reached through what its decorators made of it); a method
 * runs on a fresh instance whose {@code __init__} ran. Nested functions are only reached
 * through their enclosing function.
 */
final class FunctionRoots {
  /** Root call sites are numbered above any real instruction of the fake root. */
  private static final int FIRST_SITE = 1 << 20;

  private final PyConstraintVisitor root;
  private int nextSite = FIRST_SITE;

  FunctionRoots(PyConstraintVisitor root) {
    this.root = root;
  }

  void addAll(PyLoader loader) {
    for (IClass c : loader.codeBodies()) {
      if (!c.getSuperclass().getReference().equals(PyTypes.FUNCTION)) continue;
      String type = c.getName().toString();
      String file = PyNames.fileOf(type);
      String[] path = PyNames.pathOf(type).split("/");
      String module = PyNames.moduleOf(file);
      if (path.length == 1) {
        rootFunction(module, path[0]);
      } else if (path.length == 2
          && loader.lookupClass(com.ibm.wala.types.TypeName.string2TypeName(PyNames.SCRIPT_PREFIX + file + "/" + path[0])) instanceof PyClassType cls) {
        rootMethod(module, cls, path[0], path[1]);
      }
    }
  }

  private CallSiteReference site() {
    return new DynamicCallSiteReference(PyTypes.CODE_BODY, nextSite++);
  }

  private void rootFunction(String module, String name) {
    CallSiteReference site = site();
    PyCallGraphBuilder builder = root.pyBuilder();
    // The variable holds the function itself or, when the def is decorated, what its
    // decorators made (a wrapper closure): calling that reaches the function through them.
    // callAsRoot ignores values that are not code.
    root.forEachValue(builder.moduleVariableKey(module, name), "root " + name, value ->
        root.callAsRoot(value, null, site));
  }

  private void rootMethod(String module, PyClassType cls, String className, String name) {
    CallSiteReference site = site();
    CallSiteReference instanceSite = site();
    PyCallGraphBuilder builder = root.pyBuilder();
    root.forEachValue(builder.moduleVariableKey(module, className), "root class " + className, classObject -> {
      if (!classObject.getConcreteType().equals(cls)) return;
      InstanceKey instance = root.rootInstance(cls, classObject, instanceSite);
      root.forEachValue(new ClassAttributeKey(cls, name), "root method " + name, value -> {
        if (value instanceof WrappedFunctionKey w) {
          switch (w.kind()) {
            case STATICMETHOD -> root.callAsRoot(w.function(), null, site);
            case CLASSMETHOD -> root.callAsRoot(w.function(), classObject, site);
            case PROPERTY -> root.callAsRoot(w.function(), instance, site);
          }
        } else {
          root.callAsRoot(value, instance, site);
        }
      });
    });
  }
}
