package org.hybridize.wala.cg;

import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.cast.ir.ssa.AstPropertyWrite;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import java.util.List;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyCallGraphBuilder.FunctionObjectRead;
import org.hybridize.wala.cg.PyCallGraphBuilder.PyConstraintVisitor;
import org.hybridize.wala.cg.PyObjectKeys.BoundMethodKey;
import org.hybridize.wala.cg.PyObjectKeys.ContainerMethodKey;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.ModuleObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.PackedArgumentsKey;
import org.hybridize.wala.cg.PyObjectKeys.SuperKey;
import org.hybridize.wala.cg.PyObjectKeys.WrappedFunctionKey;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyTypes;

/**
 * Attribute reads and writes with a constant name: module variables, class attributes along the
 * MRO (binding methods and descriptors as Python does when read), instance fields, library
 * objects typed by the API model, tuple positions and {@code tf.function} objects.
 */
final class AttributeConstraints extends NodeConstraints {
  AttributeConstraints(PyConstraintVisitor visitor) {
    super(visitor);
  }

  /** {@code x.name}; false when the name is computed (WALA's generic read then applies). */
  boolean read(AstPropertyRead instruction) {
    String written = constantString(instruction.getMemberRef());
    if (written == null) return false;
    String name = PyJsonToCAst.readProperty(written);
    PointerKey result = getPointerKeyForLocal(instruction.getDef());
    int pc = instruction.iIndex();
    forEachObject(instruction.getObjectRef(), "read ." + name, object -> readAttribute(object, name, result, pc));
    return true;
  }

  void readAttribute(InstanceKey object, String name, PointerKey result, int pc) {
    if (PyJsonToCAst.positionOf(name) >= 0) {
      readPosition(object, name, result, pc);
    } else if (object instanceof ModuleObjectKey m) {
      String sub = ModuleNames.canonical(py.cha, m.module() + "." + name);
      if (isProjectModule(sub)) system.newConstraint(result, new ModuleObjectKey(sub, typeOf(PyTypes.MODULE)));
      flow(result, py.moduleVariableKey(m.module(), name));
    } else if (object instanceof LibraryObjectKey l) {
      readLibraryAttribute(l, name, result, pc);
    } else if (TfFunctionKey.of(object) != null) {
      readFunctionObjectAttribute(TfFunctionKey.of(object), name, result, pc);
    } else if (object instanceof InstanceObjectKey inst && name.equals("__class__")) {
      // self.__class__.f(self, x): a call through the instance's class.
      system.newConstraint(result, inst.classObject());
    } else if (object instanceof InstanceObjectKey inst) {
      flow(result, py.fieldKey(inst, name));
      readClassAttribute(inst.type(), name, null, inst, inst.classObject(), result, pc);
      readKerasAttribute(inst.type(), name, result, pc);
    } else if (object instanceof SuperKey s) {
      PyClassType type = receiverType(s.self());
      if (type == null) return;
      PyClassType owner = type.findOwnerAfter(name, s.after());
      if (owner != null) {
        boolean viaInstance = s.self() instanceof InstanceObjectKey;
        InstanceKey classObject = viaInstance ? ((InstanceObjectKey) s.self()).classObject() : s.self();
        bindAttributeValues(new ClassAttributeKey(owner, name), viaInstance ? s.self() : null, classObject, result, pc);
      }
    } else if (classObjectType(object) != null) {
      readClassAttribute(classObjectType(object), name, object, null, object, result, pc);
    } else if (object instanceof ConstantKey<?> c) {
      system.newConstraint(result, library("builtins." + pythonTypeName(c) + "." + name));
    } else if (ContainerMethod.of(object, name) != null) {
      system.newConstraint(result, new ContainerMethodKey(object, name, typeOf(PyTypes.LIBRARY)));
    } else {
      flow(result, py.fieldKey(object, name));
    }
  }

  /**
   * One position of what an unpacking assignment takes apart ({@code i, x = row}). Tuples
   * keep their positions apart; anything else (a list, a library object, packed {@code *args})
   * gives any of its elements.
   */
  private void readPosition(InstanceKey object, String position, PointerKey result, int pc) {
    boolean tuple =
        !(object instanceof PackedArgumentsKey)
            && object.getConcreteType().getReference().equals(PyTypes.TUPLE);
    if (tuple) {
      flow(result, py.fieldKey(object, position));
      flow(result, py.fieldKey(object, PyJsonToCAst.ANY_POSITION));
    } else {
      readAttribute(object, PyJsonToCAst.ELEMENTS, result, pc);
    }
  }

  /**
   * A library object's attribute is the library object at the longer path; for a typed object
   * the API model types it: an element of a tensor or dataset is a tensor, {@code t.numpy} a
   * method of a tensor, {@code model.trainable_variables} a list of variables.
   */
  private void readLibraryAttribute(LibraryObjectKey object, String name, PointerKey result, int pc) {
    String path = LibraryPaths.member(object.path(), name);
    // Elements the program stored in it (d[k] = v, list(xs)).
    if (name.equals(PyJsonToCAst.ELEMENTS)) flow(result, py.fieldKey(object, name));
    ValueKind kind = object.kind();
    ValueKind member =
        kind == null || kind == ValueKind.METHOD
            ? null
            : name.equals(PyJsonToCAst.ELEMENTS) ? kind.element()
            // `with tf.GradientTape() as tape`: __enter__ is a method (returning the object).
            : name.equals("__enter__") && kind == ValueKind.TF_OBJECT ? ValueKind.METHOD
            : py.libraryModel.attributeKind(kind, name);
    if (member == ValueKind.METHOD) {
      system.newConstraint(result, LibraryObjectKey.method(path, kind, typeOf(PyTypes.LIBRARY)));
    } else if (member != null) {
      system.newConstraint(result, typedValue(path, member, pc));
    } else {
      system.newConstraint(result, library(path));
    }
  }

  /**
   * An attribute of a {@code tf.function} object is the library's ({@code get_concrete_function}
   * is then a library call), except {@code python_function}: the project function it wraps.
   */
  private void readFunctionObjectAttribute(TfFunctionKey function, String name, PointerKey result, int pc) {
    py.functionObjectReads.add(new FunctionObjectRead(node, pc, name, function));
    if (name.equals("python_function")) system.newConstraint(result, function.function());
    else system.newConstraint(result, library(LibraryPaths.member(TfFunctionKey.FUNCTION_CLASS, name)));
  }

  /**
   * Attributes a project Keras class inherits from the library ({@code self.trainable_variables}):
   * typed as the API model types them on Keras objects; methods are left to the class' MRO.
   */
  private void readKerasAttribute(PyClassType type, String name, PointerKey result, int pc) {
    if (type.findOwner(name) != null) return;
    String base = kerasBase(type);
    if (base == null) return;
    ValueKind member = py.libraryModel.attributeKind(ValueKind.KERAS_OBJECT, name);
    if (member != null && member != ValueKind.METHOD) {
      system.newConstraint(result, typedValue(LibraryPaths.member(base, name), member, pc));
    }
  }

  /** The Keras library class a project class derives from, or null. */
  String kerasBase(PyClassType type) {
    for (PyClassType c : type.mro()) {
      for (String base : c.libraryBases()) {
        if (py.libraryModel.isKerasBase(base)) return base;
      }
    }
    return null;
  }

  private static String pythonTypeName(InstanceKey k) {
    String n = k.getConcreteType().getName().toString();
    return n.startsWith("L") ? n.substring(1) : n;
  }

  private static PyClassType receiverType(InstanceKey self) {
    if (self instanceof InstanceObjectKey i) return i.type();
    return classObjectType(self);
  }

  /**
   * Reads {@code name} from class {@code type} along its MRO: the first class declaring it in
   * its body wins; otherwise any dynamically assigned class attribute of the MRO.
   */
  private void readClassAttribute(
      PyClassType type, String name, InstanceKey viaClass, InstanceKey viaInstance,
      InstanceKey classObject, PointerKey result, int pc) {
    PyClassType owner = type.findOwner(name);
    List<PyClassType> sources = owner != null ? List.of(owner) : type.mro();
    for (PyClassType c : sources) {
      bindAttributeValues(new ClassAttributeKey(c, name), viaInstance, classObject, result, pc);
    }
  }

  /** Class attribute values, bound as Python's descriptors do when read. */
  private void bindAttributeValues(
      ClassAttributeKey attribute, InstanceKey instance, InstanceKey classObject, PointerKey result, int pc) {
    forEachObject(attribute, "class attribute", value -> {
      if (value instanceof WrappedFunctionKey w) {
        switch (w.kind()) {
          case STATICMETHOD -> system.newConstraint(result, w.function());
          case CLASSMETHOD -> system.newConstraint(result, new BoundMethodKey(w.function(), classObject, typeOf(PyTypes.BOUND_METHOD)));
          case PROPERTY -> {
            if (instance != null) {
              CallSiteReference site = syntheticSite(pc);
              visitor.calls.callFunction(w.function(), instance, site, null, result);
            } else {
              system.newConstraint(result, value);
            }
          }
        }
      } else if (instance != null && isFunction(value)) {
        system.newConstraint(result, new BoundMethodKey(value, instance, typeOf(PyTypes.BOUND_METHOD)));
      } else {
        system.newConstraint(result, value);
      }
    });
  }

  private boolean isProjectModule(String name) {
    return py.cha.lookupClass(PyTypes.SCRIPT) != null && ModuleNames.isModule(py.cha, name);
  }

  /** {@code x.name = value}; false when the name is computed (WALA's generic write then applies). */
  boolean write(AstPropertyWrite instruction) {
    String name = constantString(instruction.getMemberRef());
    if (name == null) return false;
    int value = instruction.getValue();
    forEachObject(instruction.getObjectRef(), "write ." + name, object -> {
      if (object instanceof ModuleObjectKey m) {
        flowLocalInto(py.moduleVariableKey(m.module(), name), value);
      } else if (classObjectType(object) != null) {
        flowLocalInto(new ClassAttributeKey(classObjectType(object), name), value);
      } else if (!(object instanceof ConstantKey<?>)) {
        flowLocalInto(py.fieldKey(object, name), value);
      }
    });
    return true;
  }
}
