package org.hybridize.wala.cast;

import static org.hybridize.wala.cast.PyJsonToCAst.ELEMENTS;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.tree.CAstNode;
import java.util.ArrayList;
import java.util.List;
import org.hybridize.wala.cast.TranslationContext.Loop;

/**
 * Python statements to CAst: assignments (names, attributes, subscripts, unpacking), loops with
 * break/continue labels, try (the body, then each handler under an unknown condition), with,
 * match, raise and delete.
 */
final class StatementTranslator extends PyTranslatorBase {
  StatementTranslator(TranslationContext cx) {
    super(cx);
  }

  @Override
  CAstNode statements(JsonArray body) {
    List<CAstNode> out = new ArrayList<>();
    for (JsonElement s : body) out.add(statement(s.getAsJsonObject()));
    return blockStmt(out);
  }

  @Override
  CAstNode statement(JsonObject s) {
    try {
      return at(s, statementUnchecked(s));
    } catch (RuntimeException e) {
      issue(s, "cannot translate " + type(s) + ": " + e);
      return empty();
    }
  }

  CAstNode statementUnchecked(JsonObject s) {
    switch (type(s)) {
      case "Expr":
        return expr(s.getAsJsonObject("value"));
      case "Pass":
        return empty();
      case "FunctionDef":
      case "AsyncFunctionDef":
        return storeName(s, string(s, "name"), cx.definitions.functionDefinition(s));
      case "ClassDef":
        return cx.definitions.classDefinition(s);
      case "Return":
        return returnStatement(s);
      case "Assign":
        return assign(s);
      case "AugAssign":
        return augmentedAssign(s);
      case "AnnAssign":
        if (!present(s, "value")) return empty();
        return assignTarget(s.getAsJsonObject("target"), expr(s.getAsJsonObject("value")), s);
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
        return cx.imports.importStatement(s);
      case "ImportFrom":
        return cx.imports.importFrom(s);
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

  /**
   * {@code del t} writes {@code t}: it is translated as storing None there, so mod-ref sees the
   * write (a deleted entry of a global dict is a side effect) and points-to gains at most None.
   */
  List<CAstNode> deleteTargets(JsonObject s) {
    List<CAstNode> out = new ArrayList<>();
    for (JsonElement t : array(s, "targets")) out.add(assignTarget(t.getAsJsonObject(), constant(null), s));
    return out;
  }

  CAstNode returnStatement(JsonObject s) {
    CAstNode value = present(s, "value") ? expr(s.getAsJsonObject("value")) : constant(null);
    if (cx.frame.generatorVar != null) {
      return blockStmt(List.of(value, node(CAstNode.RETURN, var(cx.frame.generatorVar))));
    }
    return node(CAstNode.RETURN, value);
  }

  CAstNode assign(JsonObject s) {
    JsonArray targets = s.getAsJsonArray("targets");
    CAstNode value = expr(s.getAsJsonObject("value"));
    if (targets.size() == 1) return assignTarget(targets.get(0).getAsJsonObject(), value, s);
    String tmp = temp("assign");
    List<CAstNode> out = new ArrayList<>();
    out.add(assignVar(tmp, value));
    for (JsonElement t : targets) out.add(assignTarget(t.getAsJsonObject(), var(tmp), s));
    return blockStmt(out);
  }

  @Override
  CAstNode assignTarget(JsonObject target, CAstNode value) {
    return assignTarget(target, value, target);
  }

  /**
   * Assigns {@code value} to {@code target}, each write positioned at {@code statement}: an
   * assignment or {@code del} statement's writes are facts about the statement (a side effect
   * quotes {@code CACHE[0] = x}, not {@code CACHE[0]}); the targets of loops, {@code with} and
   * comprehensions keep their own positions.
   */
  CAstNode assignTarget(JsonObject target, CAstNode value, JsonObject statement) {
    switch (type(target)) {
      case "Name":
        return storeName(statement, string(target, "id"), value);
      case "Attribute":
        return at(
            statement,
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
                  statement,
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
              out.add(assignTarget(elt.getAsJsonObject("value"), var(tmp), positionOf(elt, statement, target)));
            } else {
              out.add(assignTarget(elt, property(var(tmp), afterStar ? ELEMENTS : PyJsonToCAst.position(i)), positionOf(elt, statement, target)));
            }
            i++;
          }
          return blockStmt(out);
        }
      case "Starred":
        return assignTarget(target.getAsJsonObject("value"), value, positionOf(target.getAsJsonObject("value"), statement, target));
      default:
        issue(target, "unsupported assignment target " + type(target));
        return value;
    }
  }

  /** Where a nested target's writes are: the statement's position, or its own in a loop header. */
  private static JsonObject positionOf(JsonObject nested, JsonObject statement, JsonObject target) {
    return statement == target ? nested : statement;
  }

  /** {@code t op= v}: its write is positioned at the statement, as an assignment's. */
  CAstNode augmentedAssign(JsonObject s) {
    JsonObject target = s.getAsJsonObject("target");
    CAstNode op = binaryOperator(string(s, "op"));
    CAstNode value = expr(s.getAsJsonObject("value"));
    switch (type(target)) {
      case "Name":
        return storeName(
            s,
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
                      s,
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
                      s,
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

  CAstNode labelled(CAstNode label) {
    cx.frame.entity.mapLabel(label);
    return label;
  }

  /** while / for: LOOP(test, body + continue label), else block, break label. */
  CAstNode loop(JsonObject s, CAstNode test, CAstNode prologue, CAstNode elementAssign) {
    CAstNode breakLabel = node(CAstNode.LABEL_STMT, constant("break" + cx.temps++), empty());
    CAstNode continueLabel = node(CAstNode.LABEL_STMT, constant("continue" + cx.temps++), empty());
    cx.frame.loops.push(new Loop(breakLabel, continueLabel));
    List<CAstNode> body = new ArrayList<>();
    if (elementAssign != null) body.add(elementAssign);
    body.add(statements(array(s, "body")));
    body.add(labelled(continueLabel));
    cx.frame.loops.pop();
    List<CAstNode> out = new ArrayList<>();
    if (prologue != null) out.add(prologue);
    out.add(node(CAstNode.LOOP, test, blockStmt(body)));
    out.add(statements(array(s, "orelse")));
    out.add(labelled(breakLabel));
    return blockStmt(out);
  }

  CAstNode forLoop(JsonObject s) {
    String iterable = temp("iter");
    CAstNode prologue = assignVar(iterable, expr(s.getAsJsonObject("iter")));
    CAstNode element = assignTarget(s.getAsJsonObject("target"), property(var(iterable), PyJsonToCAst.FOR_ELEMENTS));
    return loop(s, unknown(), prologue, element);
  }

  CAstNode jump(JsonObject s) {
    Loop loop = cx.frame.loops.peek();
    if (loop == null) {
      issue(s, type(s).toLowerCase() + " outside a loop");
      return empty();
    }
    CAstNode target = type(s).equals("Break") ? loop.breakTarget : loop.continueTarget;
    CAstNode go = node(CAstNode.GOTO);
    cx.frame.entity.setGotoTarget(go, target);
    return go;
  }

  CAstNode raise(JsonObject s) {
    List<CAstNode> parts = evaluateAll(s, "exc", "cause");
    if (cx.frame.tryDepth > 0 || parts.isEmpty()) return blockStmt(parts);
    // Outside a try, a raise ends the function (an exceptional exit).
    CAstNode thrown = parts.get(0);
    List<CAstNode> out = new ArrayList<>(parts.subList(1, parts.size()));
    out.add(node(CAstNode.THROW, thrown));
    return blockStmt(out);
  }

  CAstNode tryStatement(JsonObject s) {
    cx.frame.tryDepth++;
    List<CAstNode> out = new ArrayList<>();
    out.add(statements(array(s, "body")));
    cx.frame.tryDepth--;
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

  CAstNode with(JsonObject s) {
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

  CAstNode match(JsonObject s) {
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
  void bindPattern(JsonObject p, String subject, List<CAstNode> out) {
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
}
