package org.hybridize.wala.cast;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.tree.CAstNode;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.cast.tree.CAstSymbol;
import com.ibm.wala.cast.tree.impl.CAstOperator;
import com.ibm.wala.cast.tree.impl.CAstSymbolImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hybridize.wala.cast.TranslationContext.ClassScope;
import org.hybridize.wala.cast.TranslationContext.FunctionScope;
import org.hybridize.wala.cast.TranslationContext.Scope;

/**
 * What the statement, expression, definition and import translators share: CAst construction,
 * JSON access, positions, temporaries and the resolution of Python names to globals, locals,
 * class attributes and builtins. The state lives in the module's {@link TranslationContext}.
 */
abstract class PyTranslatorBase {
  final TranslationContext cx;

  PyTranslatorBase(TranslationContext cx) {
    this.cx = cx;
  }

  CAstNode expr(JsonObject e) {
    return cx.expressions.expr(e);
  }

  CAstNode statement(JsonObject s) {
    return cx.statements.statement(s);
  }

  CAstNode statements(JsonArray body) {
    return cx.statements.statements(body);
  }

  /** Assigns {@code value} to an assignment target (name, attribute, subscript, unpacking). */
  CAstNode assignTarget(JsonObject target, CAstNode value) {
    return cx.statements.assignTarget(target, value);
  }

  CAstNode node(int kind, CAstNode... children) {
    return cx.ast.makeNode(kind, children);
  }

  CAstNode node(int kind, List<CAstNode> children) {
    return cx.ast.makeNode(kind, children);
  }

  CAstNode constant(Object value) {
    return cx.ast.makeConstant(value);
  }

  CAstNode empty() {
    return node(CAstNode.EMPTY);
  }

  CAstNode block(List<CAstNode> first, List<CAstNode> rest) {
    List<CAstNode> all = new ArrayList<>(first);
    all.addAll(rest);
    return all.isEmpty() ? empty() : node(CAstNode.BLOCK_STMT, all);
  }

  CAstNode blockStmt(List<CAstNode> nodes) {
    return nodes.isEmpty() ? empty() : node(CAstNode.BLOCK_STMT, nodes);
  }

  static String type(JsonObject n) {
    return n.get("_").getAsString();
  }

  static boolean present(JsonObject n, String field) {
    return n.has(field) && !n.get(field).isJsonNull();
  }

  static JsonArray array(JsonObject n, String field) {
    return present(n, field) ? n.getAsJsonArray(field) : new JsonArray();
  }

  static String string(JsonObject n, String field) {
    return present(n, field) ? n.get(field).getAsString() : null;
  }

  static int line(JsonObject n) {
    return n.has("l") ? n.get("l").getAsInt() : 0;
  }

  Position position(JsonObject n, int defaultLine, int defaultCol) {
    int l = n.has("l") ? n.get("l").getAsInt() : defaultLine;
    int c = n.has("c") ? n.get("c").getAsInt() : defaultCol;
    int el = n.has("el") ? n.get("el").getAsInt() : l;
    int ec = n.has("ec") ? n.get("ec").getAsInt() : c;
    return new PySourcePosition(cx.module.file(), l, c, el, ec);
  }

  CAstNode at(JsonObject json, CAstNode n) {
    if (json.has("l")) cx.frame.entity.setNodePosition(n, position(json, 0, 0));
    return n;
  }

  void issue(JsonObject n, String message) {
    cx.issues.accept(new TranslationIssue(cx.module.file(), line(n), message));
  }

  /** A fresh variable declared at the top of the current code body. */
  String temp(String hint) {
    String name = "$" + hint + (cx.temps++);
    cx.frame.tempDecls.add(node(CAstNode.DECL_STMT, constant(undefinedLocal(name)), constant(null)));
    return name;
  }

  /**
   * A local, declared with an explicit None at entry: reads on paths where Python would raise
   * UnboundLocalError (e.g. an exceptional exit exposing a closure variable) need a definition.
   */
  static CAstSymbolImpl undefinedLocal(String name) {
    return new CAstSymbolImpl(name, PyEntities.CODE_TYPE, CAstSymbol.NULL_DEFAULT_VALUE);
  }

  CAstNode var(String name) {
    return node(CAstNode.VAR, constant(name));
  }

  CAstNode assignVar(String name, CAstNode value) {
    return node(CAstNode.ASSIGN, var(name), value);
  }

  CAstNode primitive(String op, CAstNode... args) {
    List<CAstNode> children = new ArrayList<>();
    children.add(constant(op));
    children.addAll(List.of(args));
    return node(CAstNode.PRIMITIVE, children);
  }

  CAstNode library(String dotted) {
    return primitive("library", constant(dotted));
  }

  CAstNode moduleObject(String name) {
    return primitive("module", constant(cx.index.canonical(name)));
  }

  /** An opaque value: lets both branches of an unknown condition stay reachable. */
  CAstNode unknown() {
    return primitive("unknown");
  }

  CAstNode property(CAstNode object, String name) {
    return node(CAstNode.OBJECT_REF, object, constant(name));
  }

  CAstNode call(JsonObject at, CAstNode callee, List<CAstNode> args, CallShape shape) {
    List<CAstNode> children = new ArrayList<>();
    children.add(callee);
    children.add(constant("do"));
    children.addAll(args);
    CAstNode call = node(CAstNode.CALL, children);
    cx.callShapes.put(call, shape);
    return at(at, call);
  }

  String moduleGlobal(String name) {
    return cx.module.moduleName() + "::" + name;
  }

  // ---------------------------------------------------------------------------------------
  // names

  CAstNode loadName(JsonObject at, String id) {
    String renamed = cx.frame.comprehensionNames.get(id);
    if (renamed != null) return var(renamed);
    Scope s = cx.frame.scope;
    if (s instanceof ClassScope cs) {
      if (cs.attributes.contains(id)) return at(at, property(var(cs.classVar), id));
      s = enclosingCodeScope(cs);
    }
    return at(at, resolveLoad(s, id));
  }

  static Scope enclosingCodeScope(Scope s) {
    while (s instanceof ClassScope) s = s.parent;
    return s;
  }

  CAstNode resolveLoad(Scope s, String id) {
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

  CAstNode globalOrBuiltin(String id) {
    if (cx.moduleNames.contains(id)) return var(moduleGlobal(id));
    if (id.equals("__name__") || id.equals("__file__") || id.equals("__doc__")) return constant(id);
    if (cx.libraryStarImports.size() == 1 && !Builtins.NAMES.contains(id)) {
      return library(cx.libraryStarImports.iterator().next() + "." + id);
    }
    return library("builtins." + id);
  }

  CAstNode storeName(JsonObject at, String id, CAstNode value) {
    String renamed = cx.frame.comprehensionNames.get(id);
    if (renamed != null) return assignVar(renamed, value);
    Scope s = cx.frame.scope;
    if (s instanceof ClassScope cs) {
      return at(at, node(CAstNode.ASSIGN, property(var(cs.classVar), id), value));
    }
    if (s instanceof FunctionScope f && !f.globals.contains(id)) {
      return at(at, assignVar(id, value));
    }
    return at(at, assignVar(moduleGlobal(id), value));
  }

  boolean resolveLoadIsBuiltin(String id) {
    Scope s = enclosingCodeScope(cx.frame.scope);
    if (cx.frame.scope instanceof ClassScope cs && cs.attributes.contains(id)) return false;
    for (Scope p = s; p != null; p = p.parent) {
      if (p instanceof FunctionScope f && (f.locals.contains(id) || f.nonlocals.contains(id))) return false;
    }
    return !cx.moduleNames.contains(id);
  }

  // ---------------------------------------------------------------------------------------
  // shared by statements and expressions

  List<CAstNode> evaluateAll(JsonObject s, String... fields) {
    List<CAstNode> out = new ArrayList<>();
    for (String f : fields) if (present(s, f)) out.add(expr(s.getAsJsonObject(f)));
    return out;
  }

  /** Evaluates every expression child, for calls they contain. */
  List<CAstNode> evaluateChildren(JsonObject n) {
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

  static boolean isExpression(JsonObject n) {
    return Builtins.EXPRESSIONS.contains(type(n));
  }

  CAstNode binaryOperator(String op) {
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
}
