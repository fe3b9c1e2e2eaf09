package org.hybridize.wala.ir;

import com.ibm.wala.cast.types.AstTypeReference;
import com.ibm.wala.core.util.strings.Atom;
import com.ibm.wala.types.ClassLoaderReference;
import com.ibm.wala.types.TypeName;
import com.ibm.wala.types.TypeReference;

/**
 * The Python class loader and its root types.
 *
 * <p>Naming scheme of project code (stable, documented for later analyses): a module is the type
 * {@code Lscript <relpath>} (e.g. {@code Lscript pkg/mod.py}); a function, method, class, nested
 * function or lambda is that name followed by its lexical path with '/' separators, e.g. {@code
 * Lscript pkg/mod.py/C/f}, {@code Lscript pkg/mod.py/outer/inner}, {@code Lscript
 * pkg/mod.py/f/<lambda@12:8>}. A second definition of the same name in the same scope gets
 * {@code @<line>} appended. The dotted qualified name is the module name plus the path with '.'
 * (see {@link PyNames}). Every code body is called through {@code do()LRoot;}.
 */
public final class PyTypes {
  private PyTypes() {}

  public static final Atom LANGUAGE_NAME = Atom.findOrCreateUnicodeAtom("Python");

  public static final ClassLoaderReference LOADER =
      new ClassLoaderReference(Atom.findOrCreateUnicodeAtom("PythonLoader"), LANGUAGE_NAME, null);

  public static final TypeReference ROOT = make(AstTypeReference.rootTypeName.toString());
  public static final TypeReference OBJECT = make("Lobject");
  public static final TypeReference CODE_BODY = make("LCodeBody");
  public static final TypeReference FUNCTION = make("Lfunction");
  public static final TypeReference SCRIPT = make("Lscript");
  public static final TypeReference CLASS = make("Ltype");
  public static final TypeReference MODULE = make("Lmodule");
  public static final TypeReference LIBRARY = make("Llibrary");
  public static final TypeReference LIST = make("Llist");
  public static final TypeReference TUPLE = make("Ltuple");
  public static final TypeReference DICT = make("Ldict");
  public static final TypeReference SET = make("Lset");
  public static final TypeReference STR = make("Lstr");
  public static final TypeReference BYTES = make("Lbytes");
  public static final TypeReference INT = make("Lint");
  public static final TypeReference FLOAT = make("Lfloat");
  public static final TypeReference COMPLEX = make("Lcomplex");
  public static final TypeReference BOOL = make("Lbool");
  public static final TypeReference NONE = make("LNoneType");
  public static final TypeReference GENERATOR = make("Lgenerator");
  public static final TypeReference BOUND_METHOD = make("Lmethod");
  public static final TypeReference SUPER = make("Lsuper");
  public static final TypeReference EXCEPTION = make("LBaseException");
  public static final TypeReference FAKE_ROOT = make("LFakeRoot");
  /** Typed library objects (see {@code org.hybridize.wala.cg.ValueKind}). */
  public static final TypeReference TENSOR = make("Ltensorflow/Tensor");
  public static final TypeReference TENSOR_VARIABLE = make("Ltensorflow/Variable");
  public static final TypeReference DATASET = make("Ltensorflow/data/Dataset");
  public static final TypeReference KERAS_OBJECT = make("Ltensorflow/keras/Layer");
  public static final TypeReference TF_OBJECT = make("Ltensorflow/Object");

  /** Containers the program builds ({@code [a]}, {@code (a,)}, {@code {k: v}}, generators). */
  public static boolean isContainer(TypeReference type) {
    return type.equals(LIST) || type.equals(TUPLE) || type.equals(DICT) || type.equals(SET)
        || type.equals(GENERATOR);
  }

  public static TypeReference make(String name) {
    return TypeReference.findOrCreate(LOADER, TypeName.string2TypeName(name));
  }
}
