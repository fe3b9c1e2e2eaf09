package org.hybridize.wala.cast;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.ir.translator.TranslatorToCAst;
import com.ibm.wala.cast.tree.CAst;
import com.ibm.wala.cast.tree.CAstEntity;
import com.ibm.wala.cast.tree.CAstNode;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.cast.tree.impl.CAstOperator;
import com.ibm.wala.cast.tree.impl.CAstSymbolImpl;
import com.ibm.wala.cast.tree.rewrite.CAstRewriter.CopyKey;
import com.ibm.wala.cast.tree.rewrite.CAstRewriter.RewriteContext;
import com.ibm.wala.cast.tree.rewrite.CAstRewriterFactory;
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
import org.hybridize.wala.cast.PyEntities.ClassEntity;
import org.hybridize.wala.cast.PyEntities.FunctionEntity;
import org.hybridize.wala.cast.PyEntities.ModuleEntity;
import org.hybridize.wala.cast.PyEntities.PyCodeEntity;

/**
 * Translates one serialised Python module (see {@code hybridize/frontend/serialize.py}) to CAst.
 *
 * <p>Conventions the IR translator and the call-graph builder rely on:
 *
 * <ul>
 *   <li>Module-level names are globals named {@code <module>::<name>} (so other modules and
 *       functions reach them through {@code AstGlobalRead/Write}); function locals are CAst
 *       variables (closures read them lexically); class-body names are properties of the class
 *       object.
 *   <li>{@code PRIMITIVE("module", m)} is project module {@code m}; {@code PRIMITIVE("library",
 *       path)} an object outside the project ({@code builtins.print}, {@code tensorflow.math});
 *       {@code PRIMITIVE("super", classType, self)} a zero-argument {@code super()}, or {@code
 *       super(C, self)} with {@code C} a project class.
 *   <li>Calls are {@code CALL(f, "do", args...)} with a {@link CallShape} recorded per call node.
 *   <li>Subscripts, iteration and container elements use the single property {@code $elements};
 *       tuples built from a display also keep each leading position in {@code $0}, {@code $1}...
 *       and the rest in {@code $*}, which unpacking assignments read ({@link #position}); default
 *       values are stored on the function object as {@code $default:<param>}.
 *   <li>Exceptional control flow is approximated: a try body runs, then its handlers run under an
 *       unknown condition; finally blocks run afterwards. Unsupported constructs are reported and
 *       their subexpressions still evaluated.
 * </ul>
 */
public class PyJsonToCAst implements TranslatorToCAst {
  public static final String ELEMENTS = "$elements";
  /** A tuple's elements at positions no display fixes (after a starred item). */
  public static final String ANY_POSITION = "$*";

  /** The property holding position {@code i} of a tuple: {@code $i}. */
  public static String position(int i) {
    return "$" + i;
  }

  /** The position a {@link #position} property names, or -1 for any other property. */
  public static int positionOf(String property) {
    if (property.length() < 2 || property.charAt(0) != '$') return -1;
    for (int i = 1; i < property.length(); i++) {
      if (!Character.isDigit(property.charAt(i))) return -1;
    }
    return Integer.parseInt(property.substring(1));
  }
  public static final String DEFAULT_PREFIX = "$default:";

  private final CAst ast;
  private final PyModuleEntry module;
  private final ProjectIndex index;
  private final Consumer<TranslationIssue> issues;
  private final Set<String> moduleNames;
  private final Set<String> libraryStarImports = new LinkedHashSet<>();
  private final Map<CAstNode, CallShape> callShapes;
  private int temps;

  /**
   * @param callShapes where the shape of each call node goes (keyed by node identity), for the
   *     IR translator
   */
  public PyJsonToCAst(
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

  @Override
  public <C extends RewriteContext<K>, K extends CopyKey<K>> void addRewriter(
      CAstRewriterFactory<C, K> factory, boolean prepend) {
    throw new UnsupportedOperationException("no rewriters for Python");
  }

  // ---------------------------------------------------------------------------------------
  // scopes and frames

  private abstract static class Scope {
    final Scope parent;

    Scope(Scope parent) {
      this.parent = parent;
    }
  }

  private static final class ModuleScope extends Scope {
    ModuleScope() {
      super(null);
    }
  }

  private static final class FunctionScope extends Scope {
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

  private static final class ClassScope extends Scope {
    final Set<String> attributes;
    final String classVar;

    ClassScope(Scope parent, Set<String> attributes, String classVar) {
      super(parent);
      this.attributes = attributes;
      this.classVar = classVar;
    }
  }

  private static final class Loop {
    final CAstNode breakTarget;
    final CAstNode continueTarget;

    Loop(CAstNode breakTarget, CAstNode continueTarget) {
      this.breakTarget = breakTarget;
      this.continueTarget = continueTarget;
    }
  }

  /** Translation state of one code entity (module or function). */
  private final class Frame {
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

  private Frame frame;

  // ---------------------------------------------------------------------------------------
  // entry point

  @Override
  public CAstEntity translateToCAst() {
    JsonObject root = module.ast();
    ModuleEntity entity = new ModuleEntity(module.file(), position(root, 1, 0));
    frame = new Frame(entity, entity.getName(), new ModuleScope());
    List<CAstNode> body = new ArrayList<>();
    for (JsonElement s : root.getAsJsonArray("body")) {
      JsonObject st = s.getAsJsonObject();
      if (ProjectIndex.isStarImport(st)) {
        String from = index.resolveImport(module.moduleName(), st);
        if (from != null && !index.isModuleOrNamespace(from)) libraryStarImports.add(from);
      }
    }
    for (JsonElement s : root.getAsJsonArray("body")) body.add(statement(s.getAsJsonObject()));
    entity.setAst(block(frame.tempDecls, body));
    return entity;
  }

  // ---------------------------------------------------------------------------------------
  // helpers

  private CAstNode node(int kind, CAstNode... children) {
    return ast.makeNode(kind, children);
  }

  private CAstNode node(int kind, List<CAstNode> children) {
    return ast.makeNode(kind, children);
  }

  private CAstNode constant(Object value) {
    return ast.makeConstant(value);
  }

  private CAstNode empty() {
    return node(CAstNode.EMPTY);
  }

  private CAstNode block(List<CAstNode> first, List<CAstNode> rest) {
    List<CAstNode> all = new ArrayList<>(first);
    all.addAll(rest);
    return all.isEmpty() ? empty() : node(CAstNode.BLOCK_STMT, all);
  }

  private CAstNode blockStmt(List<CAstNode> nodes) {
    return nodes.isEmpty() ? empty() : node(CAstNode.BLOCK_STMT, nodes);
  }

  private static String type(JsonObject n) {
    return n.get("_").getAsString();
  }

  private static boolean present(JsonObject n, String field) {
    return n.has(field) && !n.get(field).isJsonNull();
  }

  private static JsonArray array(JsonObject n, String field) {
    return present(n, field) ? n.getAsJsonArray(field) : new JsonArray();
  }

  private static String string(JsonObject n, String field) {
    return present(n, field) ? n.get(field).getAsString() : null;
  }

  private static int line(JsonObject n) {
    return n.has("l") ? n.get("l").getAsInt() : 0;
  }

  private Position position(JsonObject n, int defaultLine, int defaultCol) {
    int l = n.has("l") ? n.get("l").getAsInt() : defaultLine;
    int c = n.has("c") ? n.get("c").getAsInt() : defaultCol;
    int el = n.has("el") ? n.get("el").getAsInt() : l;
    int ec = n.has("ec") ? n.get("ec").getAsInt() : c;
    return new PySourcePosition(module.file(), l, c, el, ec);
  }

  private CAstNode at(JsonObject json, CAstNode n) {
    if (json.has("l")) frame.entity.setNodePosition(n, position(json, 0, 0));
    return n;
  }

  private void issue(JsonObject n, String message) {
    issues.accept(new TranslationIssue(module.file(), line(n), message));
  }

  /** A fresh variable declared at the top of the current code body. */
  private String temp(String hint) {
    String name = "$" + hint + (temps++);
    frame.tempDecls.add(node(CAstNode.DECL_STMT, constant(undefinedLocal(name)), constant(null)));
    return name;
  }

  /**
   * A local, declared with an explicit None at entry: reads on paths where Python would raise
   * UnboundLocalError (e.g. an exceptional exit exposing a closure variable) need a definition.
   */
  private static CAstSymbolImpl undefinedLocal(String name) {
    return new CAstSymbolImpl(name, PyEntities.CODE_TYPE, com.ibm.wala.cast.tree.CAstSymbol.NULL_DEFAULT_VALUE);
  }

  private CAstNode var(String name) {
    return node(CAstNode.VAR, constant(name));
  }

  private CAstNode assignVar(String name, CAstNode value) {
    return node(CAstNode.ASSIGN, var(name), value);
  }

  private CAstNode primitive(String op, CAstNode... args) {
    List<CAstNode> children = new ArrayList<>();
    children.add(constant(op));
    children.addAll(List.of(args));
    return node(CAstNode.PRIMITIVE, children);
  }

  private CAstNode library(String dotted) {
    return primitive("library", constant(dotted));
  }

  private CAstNode moduleObject(String name) {
    return primitive("module", constant(index.canonical(name)));
  }

  /** An opaque value: lets both branches of an unknown condition stay reachable. */
  private CAstNode unknown() {
    return primitive("unknown");
  }

  private CAstNode property(CAstNode object, String name) {
    return node(CAstNode.OBJECT_REF, object, constant(name));
  }

  private CAstNode call(JsonObject at, CAstNode callee, List<CAstNode> args, CallShape shape) {
    List<CAstNode> children = new ArrayList<>();
    children.add(callee);
    children.add(constant("do"));
    children.addAll(args);
    CAstNode call = node(CAstNode.CALL, children);
    callShapes.put(call, shape);
    return at(at, call);
  }

  private String moduleGlobal(String name) {
    return module.moduleName() + "::" + name;
  }

  // ---------------------------------------------------------------------------------------
  // names

  private CAstNode loadName(JsonObject at, String id) {
    String renamed = frame.comprehensionNames.get(id);
    if (renamed != null) return var(renamed);
    Scope s = frame.scope;
    if (s instanceof ClassScope cs) {
      if (cs.attributes.contains(id)) return at(at, property(var(cs.classVar), id));
      s = enclosingCodeScope(cs);
    }
    return at(at, resolveLoad(s, id));
  }

  private static Scope enclosingCodeScope(Scope s) {
    while (s instanceof ClassScope) s = s.parent;
    return s;
  }

  private CAstNode resolveLoad(Scope s, String id) {
    if (s instanceof FunctionScope f) {
      if (f.globals.contains(id)) return globalOrBuiltin(id);
      if (f.locals.contains(id) || f.nonlocals.contains(id)) return var(id);
      for (Scope p = f.parent; p != null; p = p.parent) {
        if (p instanceof FunctionScope pf) {
          if (pf.globals.contains(id)) return globalOrBuiltin(id);
          if (pf.locals.contains(id)) return var(id);
        }
      }
    }
    return globalOrBuiltin(id);
  }

  private CAstNode globalOrBuiltin(String id) {
    if (moduleNames.contains(id)) return var(moduleGlobal(id));
    if (id.equals("__name__") || id.equals("__file__") || id.equals("__doc__")) return constant(id);
    if (libraryStarImports.size() == 1 && !Builtins.NAMES.contains(id)) {
      return library(libraryStarImports.iterator().next() + "." + id);
    }
    return library("builtins." + id);
  }

  private CAstNode storeName(JsonObject at, String id, CAstNode value) {
    String renamed = frame.comprehensionNames.get(id);
    if (renamed != null) return assignVar(renamed, value);
    Scope s = frame.scope;
    if (s instanceof ClassScope cs) {
      return at(at, node(CAstNode.ASSIGN, property(var(cs.classVar), id), value));
    }
    if (s instanceof FunctionScope f && !f.globals.contains(id)) {
      return at(at, assignVar(id, value));
    }
    return at(at, assignVar(moduleGlobal(id), value));
  }

  // ---------------------------------------------------------------------------------------
  // statements

  private CAstNode statements(JsonArray body) {
    List<CAstNode> out = new ArrayList<>();
    for (JsonElement s : body) out.add(statement(s.getAsJsonObject()));
    return blockStmt(out);
  }

  private CAstNode statement(JsonObject s) {
    try {
      return at(s, statementUnchecked(s));
    } catch (RuntimeException e) {
      issue(s, "cannot translate " + type(s) + ": " + e);
      return empty();
    }
  }

  private CAstNode statementUnchecked(JsonObject s) {
    switch (type(s)) {
      case "Expr":
        return expr(s.getAsJsonObject("value"));
      case "Pass":
        return empty();
      case "FunctionDef":
      case "AsyncFunctionDef":
        return storeName(s, string(s, "name"), functionDefinition(s));
      case "ClassDef":
        return classDefinition(s);
      case "Return":
        return returnStatement(s);
      case "Assign":
        return assign(s);
      case "AugAssign":
        return augmentedAssign(s);
      case "AnnAssign":
        if (!present(s, "value")) return empty();
        return assignTarget(s.getAsJsonObject("target"), expr(s.getAsJsonObject("value")));
      case "If":
        return node(
            CAstNode.IF_STMT,
            expr(s.getAsJsonObject("test")),
            statements(array(s, "body")),
            statements(array(s, "orelse")));
      case "While":
        return loop(s, expr(s.getAsJsonObject("test")), null, null);
      case "For":
      case "AsyncFor":
        return forLoop(s);
      case "Break":
      case "Continue":
        return jump(s);
      case "Raise":
        return raise(s);
      case "Try":
      case "TryStar":
        return tryStatement(s);
      case "With":
      case "AsyncWith":
        return with(s);
      case "Import":
        return importStatement(s);
      case "ImportFrom":
        return importFrom(s);
      case "Global":
      case "Nonlocal":
        return empty();
      case "Assert":
        return blockStmt(evaluateAll(s, "test", "msg"));
      case "Delete":
        return blockStmt(deleteTargets(s));
      case "Match":
        return match(s);
      case "TypeAlias":
        return storeName(s, string(s.getAsJsonObject("name"), "id"), expr(s.getAsJsonObject("value")));
      default:
        issue(s, "unsupported statement " + type(s));
        return blockStmt(evaluateChildren(s));
    }
  }

  private List<CAstNode> evaluateAll(JsonObject s, String... fields) {
    List<CAstNode> out = new ArrayList<>();
    for (String f : fields) if (present(s, f)) out.add(expr(s.getAsJsonObject(f)));
    return out;
  }

  /** Evaluates every expression child, for calls they contain. */
  private List<CAstNode> evaluateChildren(JsonObject n) {
    List<CAstNode> out = new ArrayList<>();
    for (Map.Entry<String, JsonElement> f : n.entrySet()) {
      JsonElement v = f.getValue();
      if (v.isJsonObject() && v.getAsJsonObject().has("_") && isExpression(v.getAsJsonObject())) {
        out.add(expr(v.getAsJsonObject()));
      } else if (v.isJsonArray()) {
        for (JsonElement x : v.getAsJsonArray()) {
          if (x.isJsonObject() && x.getAsJsonObject().has("_") && isExpression(x.getAsJsonObject())) {
            out.add(expr(x.getAsJsonObject()));
          }
        }
      }
    }
    return out;
  }

  private static boolean isExpression(JsonObject n) {
    return Builtins.EXPRESSIONS.contains(type(n));
  }

  /**
   * {@code del t} writes {@code t}: it is translated as storing None there, so mod-ref sees the
   * write (a deleted entry of a global dict is a side effect) and points-to gains at most None.
   */
  private List<CAstNode> deleteTargets(JsonObject s) {
    List<CAstNode> out = new ArrayList<>();
    for (JsonElement t : array(s, "targets")) out.add(assignTarget(t.getAsJsonObject(), constant(null)));
    return out;
  }

  private CAstNode returnStatement(JsonObject s) {
    CAstNode value = present(s, "value") ? expr(s.getAsJsonObject("value")) : constant(null);
    if (frame.generatorVar != null) {
      return blockStmt(List.of(value, node(CAstNode.RETURN, var(frame.generatorVar))));
    }
    return node(CAstNode.RETURN, value);
  }

  private CAstNode assign(JsonObject s) {
    JsonArray targets = s.getAsJsonArray("targets");
    CAstNode value = expr(s.getAsJsonObject("value"));
    if (targets.size() == 1) return assignTarget(targets.get(0).getAsJsonObject(), value);
    String tmp = temp("assign");
    List<CAstNode> out = new ArrayList<>();
    out.add(assignVar(tmp, value));
    for (JsonElement t : targets) out.add(assignTarget(t.getAsJsonObject(), var(tmp)));
    return blockStmt(out);
  }

  /** Assigns {@code value} to an assignment target (name, attribute, subscript, unpacking). */
  private CAstNode assignTarget(JsonObject target, CAstNode value) {
    switch (type(target)) {
      case "Name":
        return storeName(target, string(target, "id"), value);
      case "Attribute":
        return at(
            target,
            node(
                CAstNode.ASSIGN,
                property(expr(target.getAsJsonObject("value")), string(target, "attr")),
                value));
      case "Subscript":
        {
          List<CAstNode> out = new ArrayList<>();
          out.add(expr(target.getAsJsonObject("slice")));
          out.add(
              at(
                  target,
                  node(
                      CAstNode.ASSIGN,
                      property(expr(target.getAsJsonObject("value")), ELEMENTS),
                      value)));
          return blockStmt(out);
        }
      case "Tuple":
      case "List":
        {
          String tmp = temp("unpack");
          List<CAstNode> out = new ArrayList<>();
          out.add(assignVar(tmp, value));
          // Targets before a starred one read their position; later ones count from the end,
          // which only the elements as a whole cover.
          boolean afterStar = false;
          int i = 0;
          for (JsonElement e : target.getAsJsonArray("elts")) {
            JsonObject elt = e.getAsJsonObject();
            if (type(elt).equals("Starred")) {
              afterStar = true;
              out.add(assignTarget(elt.getAsJsonObject("value"), var(tmp)));
            } else {
              out.add(assignTarget(elt, property(var(tmp), afterStar ? ELEMENTS : position(i))));
            }
            i++;
          }
          return blockStmt(out);
        }
      case "Starred":
        return assignTarget(target.getAsJsonObject("value"), value);
      default:
        issue(target, "unsupported assignment target " + type(target));
        return value;
    }
  }

  private CAstNode augmentedAssign(JsonObject s) {
    JsonObject target = s.getAsJsonObject("target");
    CAstNode op = binaryOperator(string(s, "op"));
    CAstNode value = expr(s.getAsJsonObject("value"));
    switch (type(target)) {
      case "Name":
        return storeName(
            target,
            string(target, "id"),
            node(CAstNode.BINARY_EXPR, op, loadName(target, string(target, "id")), value));
      case "Attribute":
        {
          String obj = temp("aug");
          String attr = string(target, "attr");
          return blockStmt(
              List.of(
                  assignVar(obj, expr(target.getAsJsonObject("value"))),
                  at(
                      target,
                      node(
                          CAstNode.ASSIGN,
                          property(var(obj), attr),
                          node(CAstNode.BINARY_EXPR, op, property(var(obj), attr), value)))));
        }
      case "Subscript":
        {
          String obj = temp("aug");
          return blockStmt(
              List.of(
                  assignVar(obj, expr(target.getAsJsonObject("value"))),
                  expr(target.getAsJsonObject("slice")),
                  at(
                      target,
                      node(
                          CAstNode.ASSIGN,
                          property(var(obj), ELEMENTS),
                          node(CAstNode.BINARY_EXPR, op, property(var(obj), ELEMENTS), value)))));
        }
      default:
        issue(s, "unsupported augmented assignment target " + type(target));
        return value;
    }
  }

  private CAstNode labelled(CAstNode label) {
    frame.entity.mapLabel(label);
    return label;
  }

  /** while / for: LOOP(test, body + continue label), else block, break label. */
  private CAstNode loop(JsonObject s, CAstNode test, CAstNode prologue, CAstNode elementAssign) {
    CAstNode breakLabel = node(CAstNode.LABEL_STMT, constant("break" + temps++), empty());
    CAstNode continueLabel = node(CAstNode.LABEL_STMT, constant("continue" + temps++), empty());
    frame.loops.push(new Loop(breakLabel, continueLabel));
    List<CAstNode> body = new ArrayList<>();
    if (elementAssign != null) body.add(elementAssign);
    body.add(statements(array(s, "body")));
    body.add(labelled(continueLabel));
    frame.loops.pop();
    List<CAstNode> out = new ArrayList<>();
    if (prologue != null) out.add(prologue);
    out.add(node(CAstNode.LOOP, test, blockStmt(body)));
    out.add(statements(array(s, "orelse")));
    out.add(labelled(breakLabel));
    return blockStmt(out);
  }

  private CAstNode forLoop(JsonObject s) {
    String iterable = temp("iter");
    CAstNode prologue = assignVar(iterable, expr(s.getAsJsonObject("iter")));
    CAstNode element = assignTarget(s.getAsJsonObject("target"), property(var(iterable), ELEMENTS));
    return loop(s, unknown(), prologue, element);
  }

  private CAstNode jump(JsonObject s) {
    Loop loop = frame.loops.peek();
    if (loop == null) {
      issue(s, type(s).toLowerCase() + " outside a loop");
      return empty();
    }
    CAstNode target = type(s).equals("Break") ? loop.breakTarget : loop.continueTarget;
    CAstNode go = node(CAstNode.GOTO);
    frame.entity.setGotoTarget(go, target);
    return go;
  }

  private CAstNode raise(JsonObject s) {
    List<CAstNode> parts = evaluateAll(s, "exc", "cause");
    if (frame.tryDepth > 0 || parts.isEmpty()) return blockStmt(parts);
    // Outside a try, a raise ends the function (an exceptional exit).
    CAstNode thrown = parts.get(0);
    List<CAstNode> out = new ArrayList<>(parts.subList(1, parts.size()));
    out.add(node(CAstNode.THROW, thrown));
    return blockStmt(out);
  }

  private CAstNode tryStatement(JsonObject s) {
    frame.tryDepth++;
    List<CAstNode> out = new ArrayList<>();
    out.add(statements(array(s, "body")));
    frame.tryDepth--;
    out.add(statements(array(s, "orelse")));
    for (JsonElement h : array(s, "handlers")) {
      JsonObject handler = h.getAsJsonObject();
      List<CAstNode> body = new ArrayList<>();
      if (present(handler, "type")) body.add(expr(handler.getAsJsonObject("type")));
      if (present(handler, "name")) {
        body.add(storeName(handler, string(handler, "name"), library("builtins.BaseException()")));
      }
      body.add(statements(array(handler, "body")));
      out.add(at(handler, node(CAstNode.IF_STMT, unknown(), blockStmt(body))));
    }
    out.add(statements(array(s, "finalbody")));
    return blockStmt(out);
  }

  private CAstNode with(JsonObject s) {
    List<CAstNode> out = new ArrayList<>();
    List<String> managers = new ArrayList<>();
    for (JsonElement i : array(s, "items")) {
      JsonObject item = i.getAsJsonObject();
      String manager = temp("with");
      managers.add(manager);
      out.add(assignVar(manager, expr(item.getAsJsonObject("context_expr"))));
      CAstNode entered =
          call(item.getAsJsonObject("context_expr"), property(var(manager), "__enter__"), List.of(), CallShape.positional(0));
      if (present(item, "optional_vars")) out.add(assignTarget(item.getAsJsonObject("optional_vars"), entered));
      else out.add(entered);
    }
    out.add(statements(array(s, "body")));
    for (String manager : managers) {
      out.add(
          call(
              s,
              property(var(manager), "__exit__"),
              List.of(constant(null), constant(null), constant(null)),
              CallShape.positional(3)));
    }
    return blockStmt(out);
  }

  private CAstNode match(JsonObject s) {
    String subject = temp("match");
    List<CAstNode> out = new ArrayList<>();
    out.add(assignVar(subject, expr(s.getAsJsonObject("subject"))));
    for (JsonElement c : array(s, "cases")) {
      JsonObject matchCase = c.getAsJsonObject();
      List<CAstNode> body = new ArrayList<>();
      bindPattern(matchCase.getAsJsonObject("pattern"), subject, body);
      if (present(matchCase, "guard")) body.add(expr(matchCase.getAsJsonObject("guard")));
      body.add(statements(array(matchCase, "body")));
      out.add(node(CAstNode.IF_STMT, unknown(), blockStmt(body)));
    }
    return blockStmt(out);
  }

  /** Pattern captures are bound conservatively to the subject or its elements. */
  private void bindPattern(JsonObject p, String subject, List<CAstNode> out) {
    if (p == null) return;
    switch (type(p)) {
      case "MatchAs", "MatchStar" -> {
        if (present(p, "pattern")) bindPattern(p.getAsJsonObject("pattern"), subject, out);
        if (present(p, "name")) out.add(storeName(p, string(p, "name"), var(subject)));
      }
      case "MatchValue" -> out.add(expr(p.getAsJsonObject("value")));
      case "MatchSequence", "MatchOr" -> {
        for (JsonElement x : array(p, "patterns")) bindPattern(x.getAsJsonObject(), subject, out);
      }
      case "MatchMapping" -> {
        for (JsonElement x : array(p, "patterns")) bindPattern(x.getAsJsonObject(), subject, out);
        if (present(p, "rest")) out.add(storeName(p, string(p, "rest"), var(subject)));
      }
      case "MatchClass" -> {
        out.add(expr(p.getAsJsonObject("cls")));
        for (JsonElement x : array(p, "patterns")) bindPattern(x.getAsJsonObject(), subject, out);
        for (JsonElement x : array(p, "kwd_patterns")) bindPattern(x.getAsJsonObject(), subject, out);
      }
      default -> {}
    }
  }

  // ---------------------------------------------------------------------------------------
  // imports

  private CAstNode importStatement(JsonObject s) {
    List<CAstNode> out = new ArrayList<>();
    for (JsonElement a : array(s, "names")) {
      JsonObject alias = a.getAsJsonObject();
      String name = string(alias, "name");
      String as = string(alias, "asname");
      String bound = as != null ? name : name.split("\\.")[0];
      out.add(storeName(s, as != null ? as : bound, importedObject(bound)));
    }
    return blockStmt(out);
  }

  private CAstNode importedObject(String dotted) {
    return index.isModuleOrNamespace(dotted) ? moduleObject(dotted) : library(dotted);
  }

  private CAstNode importFrom(JsonObject s) {
    String from = index.resolveImport(module.moduleName(), s);
    if (from == null) {
      issue(s, "unresolvable relative import");
      return empty();
    }
    List<CAstNode> out = new ArrayList<>();
    for (JsonElement a : array(s, "names")) {
      JsonObject alias = a.getAsJsonObject();
      String name = string(alias, "name");
      if (name.equals("*")) {
        if (index.isModule(from)) {
          for (String n : index.exportedNames(from)) {
            if (!n.startsWith("_")) out.add(storeName(s, n, var(from + "::" + n)));
          }
        }
        continue;
      }
      String as = string(alias, "asname");
      CAstNode value;
      if (index.isModuleOrNamespace(from + "." + name)) value = moduleObject(from + "." + name);
      else if (index.isModuleOrNamespace(from)) value = property(moduleObject(from), name);
      else value = library(from + "." + name);
      out.add(storeName(s, as != null ? as : name, value));
    }
    return blockStmt(out);
  }

  // ---------------------------------------------------------------------------------------
  // definitions

  private String uniqueName(String base, JsonObject at) {
    String name = frame.classPath + base;
    if (!frame.usedNames.add(name)) {
      name = name + "@" + line(at);
      frame.usedNames.add(name);
    }
    return name;
  }

  /** A function object for a def or lambda: FUNCTION_EXPR plus defaults and decorators. */
  private CAstNode functionDefinition(JsonObject def) {
    boolean isLambda = type(def).equals("Lambda");
    String simpleName = isLambda ? "<lambda@" + line(def) + ":" + def.get("c").getAsInt() + ">" : string(def, "name");
    String name = uniqueName(simpleName, def);
    JsonObject args = def.getAsJsonObject("args");

    List<String> argNames = new ArrayList<>();
    List<Position> argPositions = new ArrayList<>();
    List<JsonObject> defaulted = new ArrayList<>();
    List<JsonObject> defaults = new ArrayList<>();
    argNames.add("$function");
    argPositions.add(position(def, 0, 0));
    List<JsonObject> positional = new ArrayList<>();
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
    frame.entity.addScopedEntity(null, entity);

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

  private void translateFunctionBody(
      JsonObject def, FunctionEntity entity, List<String> argNames, boolean isLambda) {
    Frame outer = frame;
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
    frame = inner;
    try {
      List<CAstNode> prologue = new ArrayList<>();
      for (String local : locals) {
        if (!params.contains(local)) {
          prologue.add(node(CAstNode.DECL_STMT, constant(undefinedLocal(local)), constant(null)));
        }
      }
      if (!isLambda && ScopeAnalysis.isGenerator(body)) {
        frame.generatorVar = temp("generator");
        prologue.add(assignVar(frame.generatorVar, node(CAstNode.NEW, constant("Lgenerator"))));
      }
      List<CAstNode> stmts = new ArrayList<>();
      for (JsonElement s : body) stmts.add(statement(s.getAsJsonObject()));
      if (frame.generatorVar != null) stmts.add(node(CAstNode.RETURN, var(frame.generatorVar)));
      List<CAstNode> all = new ArrayList<>(frame.tempDecls);
      all.addAll(prologue);
      all.addAll(stmts);
      entity.setAst(blockStmt(all));
    } finally {
      frame = outer;
    }
  }

  private CAstNode classDefinition(JsonObject def) {
    String simpleName = string(def, "name");
    String name = uniqueName(simpleName, def);
    String typeName = "L" + frame.fullName + "/" + name;

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
    frame.entity.addScopedEntity(null, entity);

    String classVar = temp("class");
    out.add(at(def, assignVar(classVar, at(def, node(CAstNode.NEW, constant(typeName))))));

    Scope savedScope = frame.scope;
    String savedPath = frame.classPath;
    frame.scope = new ClassScope(savedScope, attributes, classVar);
    frame.classPath = savedPath + name + "/";
    try {
      for (JsonElement s : array(def, "body")) out.add(statement(s.getAsJsonObject()));
    } finally {
      frame.scope = savedScope;
      frame.classPath = savedPath;
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
  private ProjectIndex.Binding resolveStatically(JsonObject e) {
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
    String local = frame.classPath + head;
    if (parts.size() == 1 && frame.usedNames.contains(local)) {
      return new ProjectIndex.ClassBinding("L" + frame.fullName + "/" + local);
    }
    ProjectIndex.Binding resolved = index.resolve(module.moduleName(), parts);
    if (resolved == null && parts.size() == 1 && !moduleNames.contains(head) && Builtins.NAMES.contains(head)) {
      resolved = new ProjectIndex.LibraryBinding("builtins." + head); // e.g. class E(ValueError)
    }
    return resolved;
  }

  // ---------------------------------------------------------------------------------------
  // expressions

  private CAstNode expr(JsonObject e) {
    try {
      return at(e, exprUnchecked(e));
    } catch (RuntimeException ex) {
      issue(e, "cannot translate " + type(e) + ": " + ex);
      return constant(null);
    }
  }

  private CAstNode exprUnchecked(JsonObject e) {
    switch (type(e)) {
      case "Constant":
        return constantExpr(e);
      case "Name":
        return loadName(e, string(e, "id"));
      case "Attribute":
        return property(expr(e.getAsJsonObject("value")), string(e, "attr"));
      case "Subscript":
        {
          CAstNode object = expr(e.getAsJsonObject("value"));
          CAstNode index = expr(e.getAsJsonObject("slice"));
          return node(CAstNode.BLOCK_EXPR, index, property(object, ELEMENTS));
        }
      case "Call":
        return callExpr(e);
      case "BinOp":
        return node(
            CAstNode.BINARY_EXPR,
            binaryOperator(string(e, "op")),
            expr(e.getAsJsonObject("left")),
            expr(e.getAsJsonObject("right")));
      case "UnaryOp":
        {
          CAstNode operand = expr(e.getAsJsonObject("operand"));
          return switch (string(e, "op")) {
            case "Not" -> node(CAstNode.UNARY_EXPR, CAstOperator.OP_NOT, operand);
            case "Invert" -> node(CAstNode.UNARY_EXPR, CAstOperator.OP_BITNOT, operand);
            case "USub" -> node(CAstNode.UNARY_EXPR, CAstOperator.OP_SUB, operand);
            default -> operand;
          };
        }
      case "BoolOp":
        {
          JsonArray values = e.getAsJsonArray("values");
          CAstNode result = expr(values.get(values.size() - 1).getAsJsonObject());
          for (int i = values.size() - 2; i >= 0; i--) {
            result = node(CAstNode.IF_EXPR, unknown(), expr(values.get(i).getAsJsonObject()), result);
          }
          return result;
        }
      case "Compare":
        {
          List<CAstNode> parts = new ArrayList<>();
          CAstNode left = expr(e.getAsJsonObject("left"));
          JsonArray comparators = e.getAsJsonArray("comparators");
          CAstNode first = expr(comparators.get(0).getAsJsonObject());
          for (int i = 1; i < comparators.size(); i++) parts.add(expr(comparators.get(i).getAsJsonObject()));
          parts.add(node(CAstNode.BINARY_EXPR, CAstOperator.OP_EQ, left, first));
          return parts.size() == 1 ? parts.get(0) : node(CAstNode.BLOCK_EXPR, parts);
        }
      case "IfExp":
        return node(
            CAstNode.IF_EXPR,
            expr(e.getAsJsonObject("test")),
            expr(e.getAsJsonObject("body")),
            expr(e.getAsJsonObject("orelse")));
      case "Lambda":
        return functionDefinition(e);
      case "NamedExpr":
        {
          String tmp = temp("walrus");
          return node(
              CAstNode.BLOCK_EXPR,
              assignVar(tmp, expr(e.getAsJsonObject("value"))),
              assignTarget(e.getAsJsonObject("target"), var(tmp)),
              var(tmp));
        }
      case "List":
        return container("Llist", array(e, "elts"));
      case "Tuple":
        return container("Ltuple", array(e, "elts"));
      case "Set":
        return container("Lset", array(e, "elts"));
      case "Dict":
        return dict(e);
      case "ListComp":
      case "GeneratorExp":
        return comprehension(e, type(e).equals("ListComp") ? "Llist" : "Lgenerator", e.getAsJsonObject("elt"), null);
      case "SetComp":
        return comprehension(e, "Lset", e.getAsJsonObject("elt"), null);
      case "DictComp":
        return comprehension(e, "Ldict", e.getAsJsonObject("value"), e.getAsJsonObject("key"));
      case "Await":
        return expr(e.getAsJsonObject("value"));
      case "Yield":
        return yieldValue(e, present(e, "value") ? expr(e.getAsJsonObject("value")) : constant(null));
      case "YieldFrom":
        return yieldValue(e, property(expr(e.getAsJsonObject("value")), ELEMENTS));
      case "JoinedStr":
        {
          List<CAstNode> parts = evaluateChildren(e);
          parts.add(constant(""));
          return node(CAstNode.BLOCK_EXPR, parts);
        }
      case "FormattedValue":
        {
          List<CAstNode> parts = evaluateAll(e, "value", "format_spec");
          parts.add(constant(""));
          return node(CAstNode.BLOCK_EXPR, parts);
        }
      case "Starred":
        return expr(e.getAsJsonObject("value"));
      case "Slice":
        {
          List<CAstNode> parts = evaluateAll(e, "lower", "upper", "step");
          parts.add(constant(null));
          return node(CAstNode.BLOCK_EXPR, parts);
        }
      default:
        {
          issue(e, "unsupported expression " + type(e));
          List<CAstNode> parts = evaluateChildren(e);
          parts.add(unknown());
          return node(CAstNode.BLOCK_EXPR, parts);
        }
    }
  }

  private CAstNode constantExpr(JsonObject e) {
    String kind = string(e, "kind");
    JsonElement v = e.get("value");
    switch (kind) {
      case "None":
        return constant(null);
      case "bool":
        return constant(v.getAsBoolean());
      case "int":
        if (v.getAsJsonPrimitive().isString()) return node(CAstNode.NEW, constant("Lint"));
        long l = v.getAsLong();
        return (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) ? constant((int) l) : constant(l);
      case "float":
        if (v.getAsJsonPrimitive().isString()) return node(CAstNode.NEW, constant("Lfloat"));
        return constant(v.getAsDouble());
      case "str":
        return constant(v.getAsString());
      case "bytes":
        return node(CAstNode.NEW, constant("Lbytes"));
      case "complex":
        return node(CAstNode.NEW, constant("Lcomplex"));
      default:
        return library("builtins.Ellipsis");
    }
  }

  private CAstNode binaryOperator(String op) {
    return switch (op) {
      case "Sub" -> CAstOperator.OP_SUB;
      case "Mult", "MatMult" -> CAstOperator.OP_MUL;
      case "Div", "FloorDiv" -> CAstOperator.OP_DIV;
      case "Mod" -> CAstOperator.OP_MOD;
      case "LShift" -> CAstOperator.OP_LSH;
      case "RShift" -> CAstOperator.OP_RSH;
      case "BitOr" -> CAstOperator.OP_BIT_OR;
      case "BitXor" -> CAstOperator.OP_BIT_XOR;
      case "BitAnd" -> CAstOperator.OP_BIT_AND;
      default -> CAstOperator.OP_ADD;
    };
  }

  private CAstNode container(String type, JsonArray elements) {
    String tmp = temp("container");
    boolean tuple = type.equals("Ltuple");
    List<CAstNode> steps = new ArrayList<>();
    steps.add(assignVar(tmp, node(CAstNode.NEW, constant(type))));
    boolean afterStar = false;
    int i = 0;
    for (JsonElement x : elements) {
      JsonObject elt = x.getAsJsonObject();
      boolean starred = type(elt).equals("Starred");
      CAstNode value = starred ? property(expr(elt.getAsJsonObject("value")), ELEMENTS) : expr(elt);
      if (!tuple) {
        steps.add(node(CAstNode.ASSIGN, property(var(tmp), ELEMENTS), value));
        continue;
      }
      afterStar |= starred;
      String item = temp("item");
      steps.add(assignVar(item, value));
      steps.add(node(CAstNode.ASSIGN, property(var(tmp), ELEMENTS), var(item)));
      steps.add(node(CAstNode.ASSIGN, property(var(tmp), afterStar ? ANY_POSITION : position(i++)), var(item)));
    }
    steps.add(var(tmp));
    return node(CAstNode.BLOCK_EXPR, steps);
  }

  private CAstNode dict(JsonObject e) {
    String tmp = temp("dict");
    List<CAstNode> steps = new ArrayList<>();
    steps.add(assignVar(tmp, node(CAstNode.NEW, constant("Ldict"))));
    JsonArray keys = array(e, "keys");
    JsonArray values = array(e, "values");
    for (int i = 0; i < values.size(); i++) {
      JsonObject value = values.get(i).getAsJsonObject();
      if (i < keys.size() && !keys.get(i).isJsonNull()) {
        steps.add(expr(keys.get(i).getAsJsonObject()));
        steps.add(node(CAstNode.ASSIGN, property(var(tmp), ELEMENTS), expr(value)));
      } else {
        steps.add(node(CAstNode.ASSIGN, property(var(tmp), ELEMENTS), property(expr(value), ELEMENTS)));
      }
    }
    steps.add(var(tmp));
    return node(CAstNode.BLOCK_EXPR, steps);
  }

  /** Comprehensions are inlined as loops over renamed variables (their own scope). */
  private CAstNode comprehension(JsonObject e, String type, JsonObject element, JsonObject key) {
    String result = temp("comprehension");
    Map<String, String> saved = new HashMap<>(frame.comprehensionNames);
    try {
      List<CAstNode> steps = new ArrayList<>();
      steps.add(assignVar(result, node(CAstNode.NEW, constant(type))));
      JsonArray generators = e.getAsJsonArray("generators");
      steps.add(comprehensionLoop(generators, 0, result, element, key));
      steps.add(var(result));
      return node(CAstNode.BLOCK_EXPR, steps);
    } finally {
      frame.comprehensionNames.clear();
      frame.comprehensionNames.putAll(saved);
    }
  }

  private CAstNode comprehensionLoop(
      JsonArray generators, int i, String result, JsonObject element, JsonObject key) {
    if (i == generators.size()) {
      List<CAstNode> out = new ArrayList<>();
      if (key != null) out.add(expr(key));
      out.add(node(CAstNode.ASSIGN, property(var(result), ELEMENTS), expr(element)));
      return blockStmt(out);
    }
    JsonObject gen = generators.get(i).getAsJsonObject();
    String iterable = temp("iter");
    CAstNode prologue = assignVar(iterable, expr(gen.getAsJsonObject("iter")));
    Set<String> targets = new LinkedHashSet<>();
    JsonArray wrapper = new JsonArray();
    JsonObject fakeAssign = new JsonObject();
    fakeAssign.addProperty("_", "Assign");
    JsonArray t = new JsonArray();
    t.add(gen.get("target"));
    fakeAssign.add("targets", t);
    fakeAssign.add("value", new JsonObject());
    wrapper.add(fakeAssign);
    targets.addAll(ScopeAnalysis.boundNames(wrapper));
    for (String name : targets) frame.comprehensionNames.put(name, temp("comp_" + name));
    CAstNode bind = assignTarget(gen.getAsJsonObject("target"), property(var(iterable), ELEMENTS));
    CAstNode inner = comprehensionLoop(generators, i + 1, result, element, key);
    for (JsonElement cond : array(gen, "ifs")) {
      inner = node(CAstNode.IF_STMT, expr(cond.getAsJsonObject()), inner);
    }
    return blockStmt(List.of(prologue, node(CAstNode.LOOP, unknown(), blockStmt(List.of(bind, inner)))));
  }

  private CAstNode yieldValue(JsonObject e, CAstNode value) {
    if (frame.generatorVar == null) {
      issue(e, "yield outside a function");
      return value;
    }
    return node(
        CAstNode.BLOCK_EXPR,
        node(CAstNode.ASSIGN, property(var(frame.generatorVar), ELEMENTS), value),
        unknown());
  }

  /**
   * The attribute a call {@code getattr(obj, "name")} or {@code getattr(obj, "name", default)}
   * reads, or null for any other call (a computed name stays an opaque library call).
   */
  private String constantAttributeName(JsonObject func, JsonArray args, JsonArray keywords) {
    if (!type(func).equals("Name") || !string(func, "id").equals("getattr")) return null;
    if (args.size() < 2 || args.size() > 3 || !keywords.isEmpty()) return null;
    for (JsonElement arg : args) if (type(arg.getAsJsonObject()).equals("Starred")) return null;
    JsonObject name = args.get(1).getAsJsonObject();
    if (!type(name).equals("Constant") || !"str".equals(string(name, "kind"))) return null;
    return resolveLoadIsBuiltin("getattr") ? string(name, "value") : null;
  }

  private CAstNode callExpr(JsonObject e) {
    JsonObject func = e.getAsJsonObject("func");
    JsonArray args = array(e, "args");
    JsonArray keywords = array(e, "keywords");
    if (type(func).equals("Name")
        && string(func, "id").equals("super")
        && args.isEmpty()
        && resolveLoadIsBuiltin("super")) {
      if (frame.enclosingClassType != null && frame.selfName != null) {
        return primitive("super", constant(frame.enclosingClassType), loadName(e, frame.selfName));
      }
      issue(e, "super() outside a method");
    }
    if (type(func).equals("Name")
        && string(func, "id").equals("super")
        && args.size() == 2
        && keywords.isEmpty()
        && resolveLoadIsBuiltin("super")
        && resolveStatically(args.get(0).getAsJsonObject()) instanceof ProjectIndex.ClassBinding c) {
      // super(C, obj): the MRO of obj's class after C, as super() is with C the enclosing class.
      return primitive("super", constant(c.typeName()), expr(args.get(1).getAsJsonObject()));
    }
    String attribute = constantAttributeName(func, args, keywords);
    if (attribute != null) {
      // getattr(obj, "name"[, default]) reads obj.name (or gives the default when it is missing).
      CAstNode read = property(expr(args.get(0).getAsJsonObject()), attribute);
      return args.size() == 2 ? read : node(CAstNode.IF_EXPR, unknown(), read, expr(args.get(2).getAsJsonObject()));
    }
    CAstNode callee = expr(func);
    List<CAstNode> values = new ArrayList<>();
    int positional = 0;
    List<JsonObject> extra = new ArrayList<>();
    for (JsonElement a : args) {
      JsonObject arg = a.getAsJsonObject();
      if (extra.isEmpty() && !type(arg).equals("Starred")) {
        values.add(expr(arg));
        positional++;
      } else {
        extra.add(arg);
      }
    }
    List<String> names = new ArrayList<>();
    List<JsonObject> doubleStar = new ArrayList<>();
    for (JsonElement k : keywords) {
      JsonObject kw = k.getAsJsonObject();
      if (present(kw, "arg")) {
        names.add(string(kw, "arg"));
        values.add(expr(kw.getAsJsonObject("value")));
      } else {
        doubleStar.add(kw.getAsJsonObject("value"));
      }
    }
    boolean starArgs = !extra.isEmpty();
    if (starArgs) {
      // Everything from the first *arg on is collected into one sequence.
      String tmp = temp("star");
      List<CAstNode> steps = new ArrayList<>();
      steps.add(assignVar(tmp, node(CAstNode.NEW, constant("Ltuple"))));
      for (JsonObject x : extra) {
        CAstNode v = type(x).equals("Starred") ? property(expr(x.getAsJsonObject("value")), ELEMENTS) : expr(x);
        String item = temp("item");
        steps.add(assignVar(item, v));
        steps.add(node(CAstNode.ASSIGN, property(var(tmp), ELEMENTS), var(item)));
        // Positions after a *arg are unknown; a tuple's unpacking reads them from here.
        steps.add(node(CAstNode.ASSIGN, property(var(tmp), ANY_POSITION), var(item)));
      }
      steps.add(var(tmp));
      values.add(node(CAstNode.BLOCK_EXPR, steps));
    }
    boolean starKwargs = !doubleStar.isEmpty();
    if (starKwargs) {
      if (doubleStar.size() == 1) {
        values.add(expr(doubleStar.get(0)));
      } else {
        String tmp = temp("kwargs");
        List<CAstNode> steps = new ArrayList<>();
        steps.add(assignVar(tmp, node(CAstNode.NEW, constant("Ldict"))));
        for (JsonObject x : doubleStar) {
          steps.add(node(CAstNode.ASSIGN, property(var(tmp), ELEMENTS), property(expr(x), ELEMENTS)));
        }
        steps.add(var(tmp));
        values.add(node(CAstNode.BLOCK_EXPR, steps));
      }
    }
    return call(e, callee, values, new CallShape(positional, names, starArgs, starKwargs, false));
  }

  private boolean resolveLoadIsBuiltin(String id) {
    Scope s = enclosingCodeScope(frame.scope);
    if (frame.scope instanceof ClassScope cs && cs.attributes.contains(id)) return false;
    for (Scope p = s; p != null; p = p.parent) {
      if (p instanceof FunctionScope f && (f.locals.contains(id) || f.nonlocals.contains(id))) return false;
    }
    return !moduleNames.contains(id);
  }
}
