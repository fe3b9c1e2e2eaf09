package org.hybridize.wala.cast;

import com.ibm.wala.cast.tree.CAst;
import com.ibm.wala.cast.tree.CAstNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hybridize.wala.cast.PyEntities.PyCodeEntity;
import org.hybridize.wala.cast.TranslationContext.ClassScope;
import org.hybridize.wala.cast.TranslationContext.Frame;
import org.hybridize.wala.cast.TranslationContext.FunctionScope;
import org.hybridize.wala.cast.TranslationContext.Loop;
import org.hybridize.wala.cast.TranslationContext.ModuleScope;
import org.hybridize.wala.cast.TranslationContext.Scope;

/**
 * The translation state of one module, shared by its statement, expression, definition and
 * import translators: the module and project index, the CAst factory, the call shapes and issues
 * collected, the temporaries counter and the frame (code body) being translated.
 */
final class TranslationContext {
  final CAst ast;
  final PyModuleEntry module;
  final ProjectIndex index;
  final Consumer<TranslationIssue> issues;
  final Set<String> moduleNames;
  final Set<String> libraryStarImports = new LinkedHashSet<>();
  final Map<CAstNode, CallShape> callShapes;
  int temps;
  Frame frame;

  final StatementTranslator statements = new StatementTranslator(this);
  final ExpressionTranslator expressions = new ExpressionTranslator(this);
  final DefinitionTranslator definitions = new DefinitionTranslator(this);
  final ImportTranslator imports = new ImportTranslator(this);

  TranslationContext(
      CAst ast,
      PyModuleEntry module,
      ProjectIndex index,
      Map<CAstNode, CallShape> callShapes,
      Consumer<TranslationIssue> issues) {
    this.ast = ast;
    this.callShapes = callShapes;
    this.module = module;
    this.index = index;
    this.issues = issues;
    this.moduleNames = index.exportedNames(module.moduleName());
  }

  // ---------------------------------------------------------------------------------------
  // scopes and frames

  abstract static class Scope {
    final Scope parent;

    Scope(Scope parent) {
      this.parent = parent;
    }
  }

  static final class ModuleScope extends Scope {
    ModuleScope() {
      super(null);
    }
  }

  static final class FunctionScope extends Scope {
    final Set<String> locals;
    final Set<String> globals;
    final Set<String> nonlocals;

    FunctionScope(Scope parent, Set<String> locals, Set<String> globals, Set<String> nonlocals) {
      super(parent);
      this.locals = locals;
      this.globals = globals;
      this.nonlocals = nonlocals;
    }
  }

  static final class ClassScope extends Scope {
    final Set<String> attributes;
    final String classVar;

    ClassScope(Scope parent, Set<String> attributes, String classVar) {
      super(parent);
      this.attributes = attributes;
      this.classVar = classVar;
    }
  }

  static final class Loop {
    final CAstNode breakTarget;
    final CAstNode continueTarget;

    Loop(CAstNode breakTarget, CAstNode continueTarget) {
      this.breakTarget = breakTarget;
      this.continueTarget = continueTarget;
    }
  }

  /** Translation state of one code entity (module or function). */
  static final class Frame {
    final PyCodeEntity entity;
    final String fullName; // e.g. "script pkg/mod.py/outer"
    final Set<String> usedNames = new HashSet<>();
    final Deque<Loop> loops = new ArrayDeque<>();
    final List<CAstNode> tempDecls = new ArrayList<>();
    final Map<String, String> comprehensionNames = new HashMap<>();
    Scope scope;
    String classPath = ""; // "C/" inside the body of class C
    String enclosingClassType; // for super(): the class whose body defines this function
    String selfName; // first parameter of a method
    String generatorVar;
    int tryDepth;

    Frame(PyCodeEntity entity, String fullName, Scope scope) {
      this.entity = entity;
      this.fullName = fullName;
      this.scope = scope;
    }
  }
}
