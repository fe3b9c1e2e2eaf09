package org.hybridize.wala.cg;

import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.types.TypeName;
import java.util.Arrays;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyLoader;
import org.hybridize.wala.ir.PyNames;

/**
 * Which framework calls a project method: {@code "keras"} for a method of a class deriving (through
 * project classes, in MRO order) a Keras layer or model, {@code "callback"} for one deriving a
 * Keras callback, else null. The speculative analysis reads it to know what the framework passes.
 */
public final class FrameworkFamily {
  private final PyLoader loader;
  private final LibraryModel model;

  public FrameworkFamily(PyLoader loader, LibraryModel model) {
    this.loader = loader;
    this.model = model;
  }

  /** The family of the code body named {@code typeName} ({@code Lscript m.py/C/f}), or null. */
  public String of(String typeName) {
    String file = PyNames.fileOf(typeName);
    String[] path = PyNames.pathOf(typeName).split("/");
    if (file == null || path.length < 2) return null;
    String owner = String.join("/", Arrays.copyOf(path, path.length - 1));
    IClass c = loader.lookupClass(TypeName.string2TypeName(PyNames.SCRIPT_PREFIX + file + "/" + owner));
    if (!(c instanceof PyClassType cls)) return null;
    for (PyClassType k : cls.mro()) {
      for (String base : k.libraryBases()) {
        if (model.isCallbackBase(base)) return "callback";
        if (model.isKerasBase(base)) return "keras";
      }
    }
    return null;
  }
}
