package org.hybridize.wala.cast;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.tree.CAstNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports to CAst: a project module is {@code PRIMITIVE("module", m)}, anything else a library
 * object; {@code from m import *} binds the names a project module exports.
 */
final class ImportTranslator extends PyTranslatorBase {
  ImportTranslator(TranslationContext cx) {
    super(cx);
  }

  /** {@code from lib import *} of a library (not a project module): its names become unknown. */
  void collectLibraryStarImports(JsonArray moduleBody) {
    for (JsonElement s : moduleBody) {
      JsonObject st = s.getAsJsonObject();
      if (ProjectIndex.isStarImport(st)) {
        String from = cx.index.resolveImport(cx.module.moduleName(), st);
        if (from != null && !cx.index.isModuleOrNamespace(from)) cx.libraryStarImports.add(from);
      }
    }
  }

  CAstNode importStatement(JsonObject s) {
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

  CAstNode importedObject(String dotted) {
    return cx.index.isModuleOrNamespace(dotted) ? moduleObject(dotted) : library(dotted);
  }

  CAstNode importFrom(JsonObject s) {
    String from = cx.index.resolveImport(cx.module.moduleName(), s);
    if (from == null) {
      issue(s, "unresolvable relative import");
      return empty();
    }
    List<CAstNode> out = new ArrayList<>();
    for (JsonElement a : array(s, "names")) {
      JsonObject alias = a.getAsJsonObject();
      String name = string(alias, "name");
      if (name.equals("*")) {
        if (cx.index.isModule(from)) {
          for (String n : cx.index.exportedNames(from)) {
            if (!n.startsWith("_")) out.add(storeName(s, n, var(from + "::" + n)));
          }
        }
        continue;
      }
      String as = string(alias, "asname");
      CAstNode value;
      if (cx.index.isModuleOrNamespace(from + "." + name)) value = moduleObject(from + "." + name);
      else if (cx.index.isModuleOrNamespace(from)) value = property(moduleObject(from), name);
      else value = library(from + "." + name);
      out.add(storeName(s, as != null ? as : name, value));
    }
    return blockStmt(out);
  }
}
