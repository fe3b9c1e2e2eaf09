package org.hybridize.wala.cast;

import com.ibm.wala.cast.ir.translator.AbstractClassEntity;
import com.ibm.wala.cast.ir.translator.AbstractCodeEntity;
import com.ibm.wala.cast.ir.translator.AbstractScriptEntity;
import com.ibm.wala.cast.tree.CAstEntity;
import com.ibm.wala.cast.tree.CAstNode;
import com.ibm.wala.cast.tree.CAstQualifier;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.cast.tree.CAstType;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** The CAst entities of a Python module: the module script, functions and classes. */
public final class PyEntities {
  private PyEntities() {}

  /** The one CAstType used for code: Python code is untyped. */
  public static final CAstType CODE_TYPE =
      new CAstType() {
        @Override
        public String getName() {
          return "Any";
        }

        @Override
        public Collection<CAstType> getSupertypes() {
          return Collections.emptySet();
        }
      };

  /** Code entities expose the scoped-entity and position recorders to the translator. */
  public interface PyCodeEntity extends CAstEntity {
    void addScopedEntity(CAstNode construct, CAstEntity child);

    void setNodePosition(CAstNode n, Position pos);

    void setGotoTarget(CAstNode from, CAstNode to);

    /** Makes a label statement a possible goto target. */
    default void mapLabel(CAstNode label) {
      ((com.ibm.wala.cast.ir.translator.AbstractCodeEntity) this).getControlFlow().map(label, label);
    }

    void setAst(CAstNode ast);
  }

  /** A module. Its name is {@code script <relpath>}; argument 0 is the module object. */
  public static final class ModuleEntity extends AbstractScriptEntity implements PyCodeEntity {
    private final String file;

    public ModuleEntity(String file, Position position) {
      super(file, CODE_TYPE);
      this.file = file;
      setPosition(position);
    }

    @Override
    public String getName() {
      return "script " + file;
    }

    @Override
    public Position getPosition(int arg) {
      return getPosition();
    }

    @Override
    public Position getNamePosition() {
      return getPosition();
    }
  }

  /**
   * A function, method or lambda. {@code name} is its path relative to the enclosing code body
   * ("C/m" for a method of class C in the body of that code). Argument 0 is the function object
   * itself; Python parameters follow in order (positional, *args, keyword-only, **kwargs).
   */
  public static final class FunctionEntity extends AbstractCodeEntity implements PyCodeEntity {
    private final String name;
    private final String[] argumentNames;
    private final Position[] argumentPositions;
    private final Position namePosition;
    private final ParameterLayout layout;

    public FunctionEntity(
        String name,
        String[] argumentNames,
        Position[] argumentPositions,
        Position position,
        Position namePosition,
        ParameterLayout layout) {
      super(CODE_TYPE);
      this.name = name;
      this.layout = layout;
      this.argumentNames = argumentNames;
      this.argumentPositions = argumentPositions;
      this.namePosition = namePosition;
      setPosition(position);
    }

    @Override
    public int getKind() {
      return CAstEntity.FUNCTION_ENTITY;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String[] getArgumentNames() {
      return argumentNames;
    }

    @Override
    public CAstNode[] getArgumentDefaults() {
      return new CAstNode[0];
    }

    @Override
    public int getArgumentCount() {
      return argumentNames.length;
    }

    @Override
    public Collection<CAstQualifier> getQualifiers() {
      return Collections.emptySet();
    }

    @Override
    public Position getPosition(int arg) {
      return arg < argumentPositions.length ? argumentPositions[arg] : null;
    }

    public ParameterLayout layout() {
      return layout;
    }

    public Position[] argumentPositions() {
      return argumentPositions;
    }

    @Override
    public Position getNamePosition() {
      return namePosition;
    }

    @Override
    public String toString() {
      return "function " + name;
    }
  }

  /**
   * How Python parameters are laid out after argument 0 (the function object): {@code names}
   * in order; the first {@code positional} accept positional arguments; {@code varargs} and
   * {@code kwargs} are indices into {@code names} or -1; {@code defaulted} have default values.
   */
  public record ParameterLayout(
      List<String> names, int positional, int varargs, int kwargs, Set<String> defaulted) {
    public int indexOf(String name) {
      int i = names.indexOf(name);
      return i == varargs || i == kwargs ? -1 : i;
    }
  }

  /** A Python class, as a CAst type entity; defining it makes a {@code PyClassType}. */
  public static final class ClassEntity extends AbstractClassEntity {
    private final String name;
    private final List<String> projectBases;
    private final List<String> libraryBases;
    private final Set<String> attributes;
    private final Position position;

    public ClassEntity(
        String name,
        List<String> projectBases,
        List<String> libraryBases,
        Set<String> attributes,
        Position position) {
      super(classType(name));
      this.name = name;
      this.projectBases = projectBases;
      this.libraryBases = libraryBases;
      this.attributes = attributes;
      this.position = position;
    }

    /** Path of the class relative to its enclosing code body. */
    @Override
    public String getName() {
      return name;
    }

    /** Full type names ({@code Lscript ...}) of the project base classes, in order. */
    public List<String> projectBases() {
      return projectBases;
    }

    public List<String> libraryBases() {
      return libraryBases;
    }

    public Set<String> attributes() {
      return attributes;
    }

    @Override
    public Position getPosition() {
      return position;
    }

    @Override
    public Position getPosition(int arg) {
      return position;
    }

    @Override
    public Position getNamePosition() {
      return position;
    }

    private static CAstType.Class classType(String name) {
      return new CAstType.Class() {
        @Override
        public String getName() {
          return name;
        }

        @Override
        public Collection<CAstType> getSupertypes() {
          return Collections.emptySet();
        }

        @Override
        public boolean isInterface() {
          return false;
        }

        @Override
        public Collection<CAstQualifier> getQualifiers() {
          return Collections.emptySet();
        }
      };
    }
  }
}
