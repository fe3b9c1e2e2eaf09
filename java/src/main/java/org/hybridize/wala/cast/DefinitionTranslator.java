package org.hybridize.wala.cast;

import static org.hybridize.wala.cast.PyJsonToCAst.DEFAULT_PREFIX;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.tree.CAstEntity;
import com.ibm.wala.cast.tree.CAstNode;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hybridize.wala.cast.PyEntities.ClassEntity;
import org.hybridize.wala.cast.PyEntities.FunctionEntity;
import org.hybridize.wala.cast.PyEntities.ModuleEntity;
import org.hybridize.wala.cast.TranslationContext.ClassScope;
import org.hybridize.wala.cast.TranslationContext.Frame;
import org.hybridize.wala.cast.TranslationContext.FunctionScope;
import org.hybridize.wala.cast.TranslationContext.ModuleScope;
import org.hybridize.wala.cast.TranslationContext.Scope;

/**
 * Definitions to CAst entities: functions and lambdas (parameters, defaults stored on the
 * function object, decorators applied as calls, the body in its own frame) and classes (bases
 * resolved statically, the body run against the class object, decorators).
 */
final class DefinitionTranslator extends PyTranslatorBase {
  DefinitionTranslator(TranslationContext cx) {
    super(cx);
  }

  /** The module body as a script entity (the module's own frame). */
  CAstEntity translateModule() {
    JsonObject root = cx.module.ast();
    ModuleEntity entity = new ModuleEntity(cx.module.file(), position(root, 1, 0));
    cx.frame = new Frame(entity, entity.getName(), new ModuleScope());
    List<CAstNode> body = new ArrayList<>();
    cx.imports.collectLibraryStarImports(root.getAsJsonArray("body"));
    for (JsonElement s : root.getAsJsonArray("body")) body.add(statement(s.getAsJsonObject()));
    entity.setAst(block(cx.frame.tempDecls, body));
    return entity;
  }

  String uniqueName(String base, JsonObject at) {
    String name = cx.frame.classPath + base;
    if (!cx.frame.usedNames.add(name)) {
      name = name + "@" + line(at);
      cx.frame.usedNames.add(name);
    }
    return name;
  }

  /** A function object for a def or lambda: FUNCTION_EXPR plus defaults and decorators. */
  CAstNode functionDefinition(JsonObject def) {
    boolean isLambda = type(def).equals("Lambda");
    String simpleName = isLambda ? "<lambda@" + line(def) + ":" + def.get("c").getAsInt() + ">" : string(def, "name");
    String name = uniqueName(simpleName, def);
    JsonObject args = def.getAsJsonObject("args");

    Parameters parameters = new Parameters(def, args);
    List<String> argNames = parameters.argNames;
    List<Position> argPositions = parameters.argPositions;
    List<JsonObject> defaulted = parameters.defaulted;
    List<JsonObject> defaults = parameters.defaults;
    List<JsonObject> positional = parameters.positional;

    // Defaults and decorators are evaluated in the defining scope, before the body exists.
    List<CAstNode> defaultValues = new ArrayList<>();
    for (JsonObject d : defaults) defaultValues.add(expr(d));
    List<CAstNode> decorators = new ArrayList<>();
    for (JsonElement d : array(def, "decorator_list")) decorators.add(expr(d.getAsJsonObject()));

    Position namePosition = position(def, 0, 0);
    List<String> pyNames = argNames.subList(1, argNames.size());
    int varargsIndex = present(args, "vararg") ? positional.size() : -1;
    int kwargsIndex = present(args, "kwarg") ? pyNames.size() - 1 : -1;
    Set<String> defaultedNames = new LinkedHashSet<>();
    for (JsonObject d : defaulted) defaultedNames.add(string(d, "arg"));
    FunctionEntity entity =
        new FunctionEntity(
            name,
            argNames.toArray(new String[0]),
            argPositions.toArray(new Position[0]),
            position(def, 0, 0),
            namePosition,
            new PyEntities.ParameterLayout(
                List.copyOf(pyNames), positional.size(), varargsIndex, kwargsIndex, defaultedNames));
    translateFunctionBody(def, entity, argNames, isLambda);
    cx.frame.entity.addScopedEntity(null, entity);

    CAstNode fn = at(def, node(CAstNode.FUNCTION_EXPR, constant(entity)));
    String tmp = temp("fn");
    List<CAstNode> steps = new ArrayList<>();
    steps.add(assignVar(tmp, fn));
    for (int i = 0; i < defaulted.size(); i++) {
      steps.add(
          node(
              CAstNode.ASSIGN,
              property(var(tmp), DEFAULT_PREFIX + string(defaulted.get(i), "arg")),
              defaultValues.get(i)));
    }
    CAstNode value = var(tmp);
    for (int i = decorators.size() - 1; i >= 0; i--) {
      JsonObject decoratorJson = array(def, "decorator_list").get(i).getAsJsonObject();
      value = call(decoratorJson, decorators.get(i), List.of(value), CallShape.forDecorator());
    }
    steps.add(value);
    return node(CAstNode.BLOCK_EXPR, steps);
  }

  /**
   * The formals of a def or lambda in order: the hidden function object, positional, {@code
   * *args}, keyword-only, {@code **kwargs}; and the parameters with a default.
   */
  private final class Parameters {
    final List<String> argNames = new ArrayList<>();
    final List<Position> argPositions = new ArrayList<>();
    final List<JsonObject> defaulted = new ArrayList<>();
    final List<JsonObject> defaults = new ArrayList<>();
    final List<JsonObject> positional = new ArrayList<>();

    Parameters(JsonObject def, JsonObject args) {
      argNames.add("$function");
      argPositions.add(position(def, 0, 0));
      for (JsonElement a : array(args, "posonlyargs")) positional.add(a.getAsJsonObject());
      for (JsonElement a : array(args, "args")) positional.add(a.getAsJsonObject());
      JsonArray dflts = array(args, "defaults");
      for (int i = 0; i < positional.size(); i++) {
        JsonObject a = positional.get(i);
        argNames.add(string(a, "arg"));
        argPositions.add(position(a, 0, 0));
        int d = i - (positional.size() - dflts.size());
        if (d >= 0) {
          defaulted.add(a);
          defaults.add(dflts.get(d).getAsJsonObject());
        }
      }
      if (present(args, "vararg")) {
        JsonObject a = args.getAsJsonObject("vararg");
        argNames.add(string(a, "arg"));
        argPositions.add(position(a, 0, 0));
      }
      JsonArray kwonly = array(args, "kwonlyargs");
      JsonArray kwDefaults = array(args, "kw_defaults");
      for (int i = 0; i < kwonly.size(); i++) {
        JsonObject a = kwonly.get(i).getAsJsonObject();
        argNames.add(string(a, "arg"));
        argPositions.add(position(a, 0, 0));
        if (i < kwDefaults.size() && !kwDefaults.get(i).isJsonNull()) {
          defaulted.add(a);
          defaults.add(kwDefaults.get(i).getAsJsonObject());
        }
      }
      if (present(args, "kwarg")) {
        JsonObject a = args.getAsJsonObject("kwarg");
        argNames.add(string(a, "arg"));
        argPositions.add(position(a, 0, 0));
      }
    }
  }

  void translateFunctionBody(
      JsonObject def, FunctionEntity entity, List<String> argNames, boolean isLambda) {
    Frame outer = cx.frame;
    JsonArray body;
    if (isLambda) {
      body = new JsonArray();
      JsonObject ret = new JsonObject();
      ret.addProperty("_", "Return");
      ret.add("value", def.get("body"));
      JsonObject b = def.getAsJsonObject("body");
      if (b.has("l")) {
        ret.add("l", b.get("l"));
        ret.add("c", b.get("c"));
      }
      body.add(ret);
    } else {
      body = array(def, "body");
    }
    Set<String> globals = ScopeAnalysis.declared(body, "Global");
    Set<String> nonlocals = ScopeAnalysis.declared(body, "Nonlocal");
    Set<String> locals = new LinkedHashSet<>(ScopeAnalysis.boundNames(body));
    locals.removeAll(globals);
    locals.removeAll(nonlocals);
    Set<String> params = new LinkedHashSet<>(argNames.subList(1, argNames.size()));
    Set<String> scopeLocals = new LinkedHashSet<>(locals);
    scopeLocals.addAll(params);

    Frame inner =
        new Frame(
            entity,
            outer.fullName + "/" + entity.getName(),
            new FunctionScope(outer.scope, scopeLocals, globals, nonlocals));
    if (outer.scope instanceof ClassScope && argNames.size() > 1) {
      inner.enclosingClassType = "L" + outer.fullName + "/" + outer.classPath.substring(0, outer.classPath.length() - 1);
      inner.selfName = argNames.get(1);
    } else {
      inner.enclosingClassType = outer.enclosingClassType;
      inner.selfName = outer.selfName;
    }
    cx.frame = inner;
    try {
      List<CAstNode> prologue = new ArrayList<>();
      for (String local : locals) {
        if (!params.contains(local)) {
          prologue.add(node(CAstNode.DECL_STMT, constant(undefinedLocal(local)), constant(null)));
        }
      }
      if (!isLambda && ScopeAnalysis.isGenerator(body)) {
        cx.frame.generatorVar = temp("generator");
        prologue.add(assignVar(cx.frame.generatorVar, node(CAstNode.NEW, constant("Lgenerator"))));
      }
      List<CAstNode> stmts = new ArrayList<>();
      for (JsonElement s : body) stmts.add(statement(s.getAsJsonObject()));
      if (cx.frame.generatorVar != null) stmts.add(node(CAstNode.RETURN, var(cx.frame.generatorVar)));
      List<CAstNode> all = new ArrayList<>(cx.frame.tempDecls);
      all.addAll(prologue);
      all.addAll(stmts);
      entity.setAst(blockStmt(all));
    } finally {
      cx.frame = outer;
    }
  }

  CAstNode classDefinition(JsonObject def) {
    String simpleName = string(def, "name");
    String name = uniqueName(simpleName, def);
    String typeName = "L" + cx.frame.fullName + "/" + name;

    List<String> projectBases = new ArrayList<>();
    List<String> libraryBases = new ArrayList<>();
    List<CAstNode> out = new ArrayList<>();
    for (JsonElement b : array(def, "bases")) {
      JsonObject base = b.getAsJsonObject();
      out.add(expr(base)); // evaluated for its calls
      ProjectIndex.Binding resolved = resolveStatically(base);
      if (resolved instanceof ProjectIndex.ClassBinding c) projectBases.add(c.typeName());
      else if (resolved instanceof ProjectIndex.LibraryBinding l) libraryBases.add(l.dottedName());
      else if (!(type(base).equals("Name") && string(base, "id").equals("object"))) {
        issue(base, "class base not resolved statically; attributes inherited from it are unknown");
      }
    }
    for (JsonElement k : array(def, "keywords")) out.add(expr(k.getAsJsonObject().getAsJsonObject("value")));

    Set<String> attributes = ScopeAnalysis.boundNames(array(def, "body"));
    ClassEntity entity = new ClassEntity(name, projectBases, libraryBases, attributes, position(def, 0, 0));
    cx.frame.entity.addScopedEntity(null, entity);

    String classVar = temp("class");
    out.add(at(def, assignVar(classVar, at(def, node(CAstNode.NEW, constant(typeName))))));

    Scope savedScope = cx.frame.scope;
    String savedPath = cx.frame.classPath;
    cx.frame.scope = new ClassScope(savedScope, attributes, classVar);
    // `name` already starts with the enclosing class path (uniqueName): a class nested in a
    // class is "Outer/Inner/", not "Outer/Outer/Inner/".
    cx.frame.classPath = name + "/";
    try {
      for (JsonElement s : array(def, "body")) out.add(statement(s.getAsJsonObject()));
    } finally {
      cx.frame.scope = savedScope;
      cx.frame.classPath = savedPath;
    }
    CAstNode value = var(classVar);
    JsonArray decorators = array(def, "decorator_list");
    for (int i = decorators.size() - 1; i >= 0; i--) {
      JsonObject d = decorators.get(i).getAsJsonObject();
      value = call(d, expr(d), List.of(value), CallShape.forDecorator());
    }
    out.add(storeName(def, simpleName, value));
    return blockStmt(out);
  }

  /** Static resolution of a base-class expression (a dotted name) at module level. */
  ProjectIndex.Binding resolveStatically(JsonObject e) {
    List<String> parts = new ArrayList<>();
    JsonObject cur = e;
    while (type(cur).equals("Attribute")) {
      parts.add(0, string(cur, "attr"));
      cur = cur.getAsJsonObject("value");
    }
    if (!type(cur).equals("Name")) return null;
    String head = string(cur, "id");
    parts.add(0, head);
    // A class defined earlier in the same code body (e.g. nested classes in a function).
    String local = cx.frame.classPath + head;
    if (parts.size() == 1 && cx.frame.usedNames.contains(local)) {
      return new ProjectIndex.ClassBinding("L" + cx.frame.fullName + "/" + local);
    }
    ProjectIndex.Binding resolved = cx.index.resolve(cx.module.moduleName(), parts);
    if (resolved == null && parts.size() == 1 && !cx.moduleNames.contains(head) && Builtins.NAMES.contains(head)) {
      resolved = new ProjectIndex.LibraryBinding("builtins." + head); // e.g. class E(ValueError)
    }
    return resolved;
  }
}
