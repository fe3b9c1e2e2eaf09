package org.hybridize.wala.cg;

import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import java.util.Objects;
import java.util.Set;
import org.hybridize.wala.cg.PyObjectKeys.BoundMethodKey;
import org.hybridize.wala.cg.PyObjectKeys.CallSiteAllocation;

/**
 * The {@code tf.function} object a {@code @tf.function} decorator makes of a project function,
 * allocated at the decorator's call site. Calling it runs the wrapped function; its attributes
 * ({@code get_concrete_function}, {@code python_function}, ...) belong to the library object, so
 * following this key through the pointer analysis finds every use of the Function object as
 * such. Its concrete type is the wrapped function's, so whatever treats it as a function
 * (binding it as a method, rooting it, describing it) keeps working unchanged.
 */
public final class TfFunctionKey extends CallSiteAllocation {
  /** Library paths of decorators that make a Function object: {@code @tf.function}, {@code @tf.function(...)}. */
  static final Set<String> DECORATORS = Set.of("tensorflow.function", "tensorflow.function.__call__");

  /** Library path of the Function class: its attributes are read as members of it. */
  static final String FUNCTION_CLASS = "tensorflow.function";

  private final InstanceKey function;

  TfFunctionKey(InstanceKey function, CGNode creator, CallSiteReference site) {
    super(creator, site);
    this.function = function;
  }

  /** The project function object the decorator received. */
  public InstanceKey function() {
    return function;
  }

  /** The Function object behind {@code object}: itself, or the one a bound method binds; else null. */
  public static TfFunctionKey of(InstanceKey object) {
    if (object instanceof TfFunctionKey t) return t;
    if (object instanceof BoundMethodKey b && b.function() instanceof TfFunctionKey t) return t;
    return null;
  }

  /** What a call of {@code object} runs: the wrapped function of a Function object, else itself. */
  static InstanceKey unwrap(InstanceKey object) {
    return object instanceof TfFunctionKey t ? t.function : object;
  }

  @Override
  public IClass getConcreteType() {
    return function.getConcreteType();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TfFunctionKey k
        && k.function.equals(function) && k.creator.equals(creator) && k.site.equals(site);
  }

  @Override
  public int hashCode() {
    return Objects.hash(function, creator, site, 7);
  }

  @Override
  public String toString() {
    return "tf.function of " + function;
  }
}
