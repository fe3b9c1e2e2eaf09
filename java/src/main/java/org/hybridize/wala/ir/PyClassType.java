package org.hybridize.wala.ir;

import com.ibm.wala.cast.loader.AstDynamicPropertyClass;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import com.ibm.wala.types.TypeName;
import com.ibm.wala.types.TypeReference;
import com.ibm.wala.types.annotations.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A class defined in the project. Its bases are resolved statically by the CAst translator
 * (project classes by type name; anything else is kept as a library base name). Attributes
 * assigned in the class body are recorded so that attribute lookup can follow Python's method
 * resolution order (C3) and stop at the first class defining the name.
 */
public class PyClassType extends AstDynamicPropertyClass {
  private final PyLoader loader;
  private final List<TypeName> projectBases;
  private final List<String> libraryBases;
  private final Set<String> declaredAttributes;
  private List<PyClassType> mro;

  public PyClassType(
      Position position,
      TypeName name,
      PyLoader loader,
      List<TypeName> projectBases,
      List<String> libraryBases,
      Set<String> declaredAttributes) {
    super(position, name, loader, (short) 0, Collections.emptyMap(), PyTypes.ROOT);
    this.loader = loader;
    this.projectBases = projectBases;
    this.libraryBases = libraryBases;
    this.declaredAttributes = declaredAttributes;
  }

  public List<String> libraryBases() {
    return libraryBases;
  }

  public boolean declares(String attribute) {
    return declaredAttributes.contains(attribute);
  }

  public List<PyClassType> directBases() {
    List<PyClassType> result = new ArrayList<>();
    for (TypeName base : projectBases) {
      IClass c = loader.lookupClass(base);
      if (c instanceof PyClassType && c != this) result.add((PyClassType) c);
    }
    return result;
  }

  /** Python's C3 linearisation over project bases; falls back to depth-first on conflicts. */
  public List<PyClassType> mro() {
    if (mro == null) {
      mro = Collections.singletonList(this); // guards against cyclic bases
      mro = C3.linearize(this);
    }
    return mro;
  }

  /** The first class in the MRO that declares {@code attribute} in its body, or null. */
  public PyClassType findOwner(String attribute) {
    for (PyClassType c : mro()) if (c.declares(attribute)) return c;
    return null;
  }

  /** Like {@link #findOwner} but starting after {@code after} in the MRO (for super()). */
  public PyClassType findOwnerAfter(String attribute, TypeReference after) {
    boolean seen = false;
    for (PyClassType c : mro()) {
      if (seen && c.declares(attribute)) return c;
      if (c.getReference().equals(after)) seen = true;
    }
    return null;
  }

  @Override
  public IClass getSuperclass() {
    List<PyClassType> bases = directBases();
    return bases.isEmpty() ? loader.lookupClass(PyTypes.OBJECT.getName()) : bases.get(0);
  }

  @Override
  public Collection<IClass> getDirectInterfaces() {
    return Collections.emptySet();
  }

  @Override
  public IClassHierarchy getClassHierarchy() {
    return loader.getClassHierarchy();
  }

  @Override
  public Collection<Annotation> getAnnotations() {
    return Collections.emptySet();
  }

  @Override
  public String toString() {
    return "PyClass[" + getName() + "]";
  }

  private static final class C3 {
    static List<PyClassType> linearize(PyClassType c) {
      List<List<PyClassType>> sequences = new ArrayList<>();
      for (PyClassType base : c.directBases()) sequences.add(new ArrayList<>(base.mro()));
      sequences.add(new ArrayList<>(c.directBases()));
      List<PyClassType> result = new ArrayList<>();
      result.add(c);
      while (true) {
        sequences.removeIf(List::isEmpty);
        if (sequences.isEmpty()) return result;
        PyClassType next = null;
        for (List<PyClassType> seq : sequences) {
          PyClassType head = seq.get(0);
          boolean inTail = sequences.stream().anyMatch(s -> s.indexOf(head) > 0);
          if (!inTail) {
            next = head;
            break;
          }
        }
        if (next == null) return depthFirst(c);
        result.add(next);
        for (List<PyClassType> seq : sequences) if (seq.get(0) == next) seq.remove(0);
      }
    }

    static List<PyClassType> depthFirst(PyClassType c) {
      Set<PyClassType> out = new LinkedHashSet<>();
      out.add(c);
      for (PyClassType b : c.directBases()) out.addAll(b.mro());
      return new ArrayList<>(out);
    }
  }
}
