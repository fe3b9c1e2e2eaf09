package org.hybridize.wala.cast;

import static org.hybridize.wala.cast.PyJsonToCAst.ANY_POSITION;
import static org.hybridize.wala.cast.PyJsonToCAst.ELEMENTS;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.tree.CAstNode;
import com.ibm.wala.cast.tree.impl.CAstOperator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python expressions to CAst: constants, names, attributes, subscripts, operators, displays
 * and comprehensions (inlined loops over renamed variables), yields, and calls with their
 * {@link CallShape} ({@code super()} and {@code getattr} with a constant name are resolved
 * here).
 */
final class ExpressionTranslator extends PyTranslatorBase {
  ExpressionTranslator(TranslationContext cx) {
    super(cx);
  }

  @Override
  CAstNode expr(JsonObject e) {
    try {
      return at(e, exprUnchecked(e));
    } catch (RuntimeException ex) {
      issue(e, "cannot translate " + type(e) + ": " + ex);
      return constant(null);
    }
  }

  CAstNode exprUnchecked(JsonObject e) {
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
          JsonObject slice = e.getAsJsonObject("slice");
          CAstNode index = expr(slice);
          Integer literal = intLiteral(slice);
          CAstNode read = literal == null ? property(object, ELEMENTS)
              : node(CAstNode.OBJECT_REF, object, constant(ELEMENTS), constant(literal));
          return node(CAstNode.BLOCK_EXPR, index, read);
        }
      case "Call":
        return callExpr(e);
      case "BinOp", "UnaryOp", "BoolOp", "Compare", "IfExp":
        return operatorExpr(e);
      case "Lambda":
        return cx.definitions.functionDefinition(e);
      case "NamedExpr":
        {
          String tmp = temp("walrus");
          return node(
              CAstNode.BLOCK_EXPR,
              assignVar(tmp, expr(e.getAsJsonObject("value"))),
              assignTarget(e.getAsJsonObject("target"), var(tmp)),
              var(tmp));
        }
      case "List", "Tuple", "Set", "Dict", "ListComp", "GeneratorExp", "SetComp", "DictComp":
        return displayExpr(e);
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

  /** Operators and conditional expressions (each operand evaluated for its calls). */
  private CAstNode operatorExpr(JsonObject e) {
    switch (type(e)) {
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
      default:
        throw new IllegalArgumentException(type(e));
    }
  }

  /** Lists, tuples, sets and dicts, written out or comprehended. */
  private CAstNode displayExpr(JsonObject e) {
    switch (type(e)) {
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
      default:
        throw new IllegalArgumentException(type(e));
    }
  }

  CAstNode constantExpr(JsonObject e) {
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

  /** An int literal index ({@code 1}, {@code -1}), kept on the subscript read; null otherwise. */
  private static Integer intLiteral(JsonObject slice) {
    boolean negated = type(slice).equals("UnaryOp") && "USub".equals(string(slice, "op"));
    JsonObject literal = negated ? slice.getAsJsonObject("operand") : slice;
    if (!type(literal).equals("Constant") || !"int".equals(string(literal, "kind"))) return null;
    JsonElement value = literal.get("value");
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) return null;
    long index = value.getAsLong();
    return index > Integer.MAX_VALUE ? null : (int) (negated ? -index : index);
  }

  /**
   * A list, tuple or set display: one object literal, each element written straight into the new
   * object's value. Not through a temporary: every use of a local is a copy WALA's SSA conversion
   * propagates, and its records of them all hash alike (use 0 of each write hashes to 0), so a
   * 40,000-item literal spent minutes there.
   */
  CAstNode container(String type, JsonArray elements) {
    boolean tuple = type.equals("Ltuple");
    List<CAstNode> before = new ArrayList<>();
    List<CAstNode> literal = new ArrayList<>();
    literal.add(node(CAstNode.NEW, constant(type)));
    boolean afterStar = false;
    int i = 0;
    for (JsonElement x : elements) {
      JsonObject elt = x.getAsJsonObject();
      boolean starred = type(elt).equals("Starred");
      CAstNode value = starred ? property(expr(elt.getAsJsonObject("value")), ELEMENTS) : expr(elt);
      if (!tuple) {
        literal.add(constant(ELEMENTS));
        literal.add(value);
        continue;
      }
      // A tuple holds each element twice (as an element, at its position): evaluate it once.
      afterStar |= starred;
      String item = temp("item");
      before.add(assignVar(item, value));
      literal.add(constant(ELEMENTS));
      literal.add(var(item));
      literal.add(afterStar ? constant(ANY_POSITION) : constant(PyJsonToCAst.position(i++)));
      literal.add(var(item));
    }
    return withSteps(before, node(CAstNode.OBJECT_LITERAL, literal));
  }

  /** A dict display, as {@link #container}: keys are evaluated, in order, for their effects. */
  CAstNode dict(JsonObject e) {
    List<CAstNode> literal = new ArrayList<>();
    literal.add(node(CAstNode.NEW, constant("Ldict")));
    JsonArray keys = array(e, "keys");
    JsonArray values = array(e, "values");
    for (int i = 0; i < values.size(); i++) {
      JsonObject value = values.get(i).getAsJsonObject();
      literal.add(constant(ELEMENTS));
      if (i < keys.size() && !keys.get(i).isJsonNull()) {
        literal.add(node(CAstNode.BLOCK_EXPR, expr(keys.get(i).getAsJsonObject()), expr(value)));
      } else {
        literal.add(property(expr(value), ELEMENTS));
      }
    }
    return node(CAstNode.OBJECT_LITERAL, literal);
  }

  private CAstNode withSteps(List<CAstNode> steps, CAstNode value) {
    if (steps.isEmpty()) return value;
    List<CAstNode> all = new ArrayList<>(steps);
    all.add(value);
    return node(CAstNode.BLOCK_EXPR, all);
  }

  /** Comprehensions are inlined as loops over renamed variables (their own scope). */
  CAstNode comprehension(JsonObject e, String type, JsonObject element, JsonObject key) {
    String result = temp("comprehension");
    Map<String, String> saved = new HashMap<>(cx.frame.comprehensionNames);
    try {
      List<CAstNode> steps = new ArrayList<>();
      steps.add(assignVar(result, node(CAstNode.NEW, constant(type))));
      JsonArray generators = e.getAsJsonArray("generators");
      steps.add(comprehensionLoop(generators, 0, result, element, key));
      steps.add(var(result));
      return node(CAstNode.BLOCK_EXPR, steps);
    } finally {
      cx.frame.comprehensionNames.clear();
      cx.frame.comprehensionNames.putAll(saved);
    }
  }

  CAstNode comprehensionLoop(
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
    for (String name : targets) cx.frame.comprehensionNames.put(name, temp("comp_" + name));
    CAstNode bind =
        assignTarget(gen.getAsJsonObject("target"), property(var(iterable), PyJsonToCAst.COMPREHENSION_ELEMENTS));
    CAstNode inner = comprehensionLoop(generators, i + 1, result, element, key);
    for (JsonElement cond : array(gen, "ifs")) {
      inner = node(CAstNode.IF_STMT, expr(cond.getAsJsonObject()), inner);
    }
    return blockStmt(List.of(prologue, node(CAstNode.LOOP, unknown(), blockStmt(List.of(bind, inner)))));
  }

  CAstNode yieldValue(JsonObject e, CAstNode value) {
    if (cx.frame.generatorVar == null) {
      issue(e, "yield outside a function");
      return value;
    }
    return node(
        CAstNode.BLOCK_EXPR,
        node(CAstNode.ASSIGN, property(var(cx.frame.generatorVar), ELEMENTS), value),
        unknown());
  }

  /**
   * The attribute a call {@code getattr(obj, "name")} or {@code getattr(obj, "name", default)}
   * reads, or null for any other call (a computed name stays an opaque library call).
   */
  String constantAttributeName(JsonObject func, JsonArray args, JsonArray keywords) {
    if (!type(func).equals("Name") || !string(func, "id").equals("getattr")) return null;
    if (args.size() < 2 || args.size() > 3 || !keywords.isEmpty()) return null;
    for (JsonElement arg : args) if (type(arg.getAsJsonObject()).equals("Starred")) return null;
    JsonObject name = args.get(1).getAsJsonObject();
    if (!type(name).equals("Constant") || !"str".equals(string(name, "kind"))) return null;
    return resolveLoadIsBuiltin("getattr") ? string(name, "value") : null;
  }

  CAstNode callExpr(JsonObject e) {
    JsonObject func = e.getAsJsonObject("func");
    JsonArray args = array(e, "args");
    JsonArray keywords = array(e, "keywords");
    CAstNode superObject = superCall(e, func, args, keywords);
    if (superObject != null) return superObject;
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
    if (starArgs) values.add(starArgsTuple(extra));
    boolean starKwargs = !doubleStar.isEmpty();
    if (starKwargs) values.add(kwargsMapping(doubleStar));
    return call(e, callee, values, new CallShape(positional, names, starArgs, starKwargs, false));
  }

  /** {@code super()} in a method, or {@code super(C, obj)} with {@code C} a project class; else null. */
  private CAstNode superCall(JsonObject e, JsonObject func, JsonArray args, JsonArray keywords) {
    if (type(func).equals("Name")
        && string(func, "id").equals("super")
        && args.isEmpty()
        && resolveLoadIsBuiltin("super")) {
      if (cx.frame.enclosingClassType != null && cx.frame.selfName != null) {
        return primitive("super", constant(cx.frame.enclosingClassType), loadName(e, cx.frame.selfName));
      }
      issue(e, "super() outside a method");
    }
    if (type(func).equals("Name")
        && string(func, "id").equals("super")
        && args.size() == 2
        && keywords.isEmpty()
        && resolveLoadIsBuiltin("super")
        && cx.definitions.resolveStatically(args.get(0).getAsJsonObject()) instanceof ProjectIndex.ClassBinding c) {
      // super(C, obj): the MRO of obj's class after C, as super() is with C the enclosing class.
      return primitive("super", constant(c.typeName()), expr(args.get(1).getAsJsonObject()));
    }
    return null;
  }

  /** Everything from the first {@code *arg} on, collected into one sequence. */
  private CAstNode starArgsTuple(List<JsonObject> extra) {
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
    return node(CAstNode.BLOCK_EXPR, steps);
  }

  /** The {@code **kwargs} of a call: the one mapping, or a dict holding the values of all. */
  private CAstNode kwargsMapping(List<JsonObject> doubleStar) {
    if (doubleStar.size() == 1) return expr(doubleStar.get(0));
    String tmp = temp("kwargs");
    List<CAstNode> steps = new ArrayList<>();
    steps.add(assignVar(tmp, node(CAstNode.NEW, constant("Ldict"))));
    for (JsonObject x : doubleStar) {
      steps.add(node(CAstNode.ASSIGN, property(var(tmp), ELEMENTS), property(expr(x), ELEMENTS)));
    }
    steps.add(var(tmp));
    return node(CAstNode.BLOCK_EXPR, steps);
  }
}
