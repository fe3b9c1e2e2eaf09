package org.hybridize.wala.cg;

import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.types.TypeReference;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.ir.PyTypes;

/**
 * The one vocabulary of value kinds (listed with their meaning under {@code value_kinds} in the
 * API model, {@code hybridize/models/tensorflow.json}, and mirrored by Python's {@code
 * hybridize.analysis.models.ValueKind}; a test checks the three agree). Most are the types of
 * the abstract objects the pointer analysis allocates for library results ({@code
 * tf.constant(...)} is a {@link #TENSOR}), operators on them, their elements and attributes,
 * and Python scalars; the last four only classify what a call site passes to a parameter.
 */
public enum ValueKind {
  TENSOR("tensor", PyTypes.TENSOR),
  /** A {@code tf.Variable}: a tensor that also carries TensorFlow state. */
  VARIABLE("variable", PyTypes.TENSOR_VARIABLE),
  DATASET("dataset", PyTypes.DATASET),
  /** A layer, model, loss or metric: calling it gives tensors. */
  KERAS_OBJECT("keras_object", PyTypes.KERAS_OBJECT),
  /** A GradientTape, optimizer, TensorArray: some methods give tensors. */
  TF_OBJECT("tf_object", PyTypes.TF_OBJECT),
  /** A list of variables ({@code model.trainable_variables}). */
  VARIABLE_LIST("variable_list", PyTypes.LIST),
  /** A list of tensors a library call returns ({@code tape.gradient(loss, [a, b])}). */
  TENSOR_LIST("tensor_list", PyTypes.LIST),
  /** {@code range(n)}: its elements are ints. */
  INT_SEQUENCE("int_sequence", PyTypes.LIBRARY),
  INT("int", PyTypes.INT),
  FLOAT("float", PyTypes.FLOAT),
  BOOL("bool", PyTypes.BOOL),
  STR("str", PyTypes.STR),
  /** A method of a typed object, not yet called ({@code t.numpy}). */
  METHOD("method", PyTypes.LIBRARY),
  /** Passed to a parameter: a tuple, list, dict or set holding tensors. */
  TENSOR_CONTAINER("tensor_container", PyTypes.OBJECT),
  /** Passed to a parameter: a container holding Python scalars (the reference tool counts these). */
  PRIMITIVE_CONTAINER("primitive_container", PyTypes.OBJECT),
  /** Passed to a parameter: a container holding Python booleans and no other scalar. */
  BOOL_CONTAINER("bool_container", PyTypes.OBJECT),
  /** Passed to a parameter: {@code None}. */
  NONE("none", PyTypes.OBJECT),
  /** Passed to a parameter: anything else. */
  OTHER("other", PyTypes.OBJECT);

  private final String modelName;
  private final TypeReference type;

  ValueKind(String modelName, TypeReference type) {
    this.modelName = modelName;
    this.type = type;
  }

  /** The name of the kind in the API model's data file. */
  public String modelName() {
    return modelName;
  }

  /** The class of the abstract objects of this kind. */
  public TypeReference type() {
    return type;
  }

  public boolean isTensor() {
    return this == TENSOR || this == VARIABLE;
  }

  /** A list the model types whose elements are tensors or variables. */
  public boolean isTensorList() {
    return this == VARIABLE_LIST || this == TENSOR_LIST;
  }

  public boolean isScalar() {
    return this == INT || this == FLOAT || this == BOOL || this == STR;
  }

  /** A passed value that makes a parameter a tensor parameter. */
  public boolean isTensorLike() {
    return this == TENSOR || this == TENSOR_CONTAINER;
  }

  /**
   * A passed value that makes a parameter a primitive (retracing) parameter. Booleans are told
   * apart: a bool retraces at most twice, so the Python side reports them without counting them.
   */
  public boolean isPrimitiveLike() {
    return this == INT || this == FLOAT || this == STR || this == PRIMITIVE_CONTAINER;
  }

  public boolean isBooleanLike() {
    return this == BOOL || this == BOOL_CONTAINER;
  }

  /** What iterating or subscripting a value of this kind gives, or null if unknown. */
  public ValueKind element() {
    return switch (this) {
      case TENSOR, VARIABLE, DATASET, TENSOR_LIST -> TENSOR;
      case VARIABLE_LIST -> VARIABLE;
      case INT_SEQUENCE -> INT;
      case STR -> STR;
      default -> null;
    };
  }

  /** The kind of a Python constant or a typed library object; null for anything else. */
  public static ValueKind of(InstanceKey object) {
    if (object instanceof ConstantKey<?> c) {
      Object v = c.getValue();
      if (v instanceof Boolean) return BOOL;
      if (v instanceof Float || v instanceof Double) return FLOAT;
      if (v instanceof Number) return INT;
      if (v instanceof String) return STR;
      return null;
    }
    return object instanceof LibraryObjectKey l ? l.kind() : null;
  }

  public static ValueKind fromModelName(String name) {
    for (ValueKind k : values()) {
      if (k.modelName.equals(name)) return k;
    }
    return null;
  }
}
