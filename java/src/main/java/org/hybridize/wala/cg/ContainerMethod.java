package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.types.TypeReference;
import java.util.Map;
import org.hybridize.wala.cg.PyObjectKeys.PackedArgumentsKey;
import org.hybridize.wala.ir.PyTypes;

/**
 * What the methods of the lists, dicts and sets a program builds do to their elements, for the
 * pointer analysis: {@code outputs.append(t)} makes {@code t} an element of {@code outputs}, so a
 * function later given {@code outputs} receives a container of tensors.
 */
enum ContainerMethod {
  /** The (last) argument becomes an element: append, add, insert. */
  ADD_ARGUMENT,
  /** The argument's elements become elements: extend, update. */
  ADD_ELEMENTS_OF_ARGUMENT,
  /** The call returns an element: pop, get. */
  RETURN_ELEMENT;

  private static final Map<String, ContainerMethod> LIST =
      Map.of("append", ADD_ARGUMENT, "insert", ADD_ARGUMENT, "extend", ADD_ELEMENTS_OF_ARGUMENT,
          "pop", RETURN_ELEMENT);
  private static final Map<String, ContainerMethod> DICT =
      Map.of("update", ADD_ELEMENTS_OF_ARGUMENT, "get", RETURN_ELEMENT, "pop", RETURN_ELEMENT);
  private static final Map<String, ContainerMethod> SET =
      Map.of("add", ADD_ARGUMENT, "update", ADD_ELEMENTS_OF_ARGUMENT, "pop", RETURN_ELEMENT);

  /** The method {@code name} of {@code object}, or null if it is not a container it models. */
  static ContainerMethod of(InstanceKey object, String name) {
    // Packed *args/**kwargs are the callee's view of its arguments, not a container it built.
    if (object instanceof PackedArgumentsKey || object.getConcreteType() == null) return null;
    TypeReference type = object.getConcreteType().getReference();
    Map<String, ContainerMethod> methods =
        type.equals(PyTypes.LIST) ? LIST : type.equals(PyTypes.DICT) ? DICT : type.equals(PyTypes.SET) ? SET : null;
    return methods == null ? null : methods.get(name);
  }
}
