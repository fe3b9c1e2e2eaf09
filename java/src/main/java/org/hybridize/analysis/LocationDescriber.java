package org.hybridize.analysis;

import com.google.gson.JsonObject;
import com.ibm.wala.classLoader.IField;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.propagation.AbstractFieldPointerKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceFieldKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.callgraph.propagation.StaticFieldKey;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.ClassAttributeKey;
import org.hybridize.wala.cg.ClosureVariableKey;
import org.hybridize.wala.cg.PythonIoApis;
import org.hybridize.wala.cg.PythonIoKey;
import org.hybridize.wala.cg.UnknownArgumentKey;
import org.hybridize.wala.ir.PyNames;

/** Says in words which Python location a mod-set key stands for. */
final class LocationDescriber {
  private static final String GLOBAL_PREFIX = "global ";

  /**
   * A location in words: {@code location} alone (a module variable, Python I/O), or {@code
   * location} of {@code owner} (an attribute or the elements of one object).
   */
  record Words(String location, ObjectWords owner) {
    String text() {
      return owner == null ? location : location + " of " + owner.text();
    }
  }

  /**
   * An object in words: {@code type} ({@code a `shapes.Box` object}), and where it was created:
   * at {@code site} ({@code file:line}), or by an unknown caller, or (a library module) neither.
   */
  record ObjectWords(String type, String site, boolean unknownCaller) {
    String text() {
      if (site != null) return type + " allocated at " + site;
      return unknownCaller ? type + " of an unknown caller" : type;
    }
  }

  private final AnalysedProject project;
  private final CallGraph cg;

  LocationDescriber(AnalysedProject project) {
    this.project = project;
    this.cg = project.callGraph();
  }

  Words describe(PointerKey key) {
    if (key instanceof AbstractFieldPointerKey f) return field(f);
    return new Words(describeWhole(key), null);
  }

  private String describeWhole(PointerKey key) {
    if (key instanceof StaticFieldKey s) return moduleVariable(s.getField());
    if (key instanceof ClassAttributeKey c) {
      return "class attribute `" + c.name() + "` of `" + qualified(c.owner().getName().toString()) + "`";
    }
    if (key instanceof ClosureVariableKey v) {
      return "closure variable `" + v.name() + "` of `" + qualified(v.definingNode()) + "`";
    }
    if (key instanceof PythonIoKey io) return "Python I/O: " + PythonIoApis.shortName(io.api());
    if (key instanceof UnknownArgumentKey u) {
      return "an object an unknown caller passes as parameter `" + project.parameterName(u.node(), u.valueNumber()) + "`";
    }
    return key.toString();
  }

  /** Module variables are static fields named {@code global <module>::<name>}. */
  private static String moduleVariable(IField field) {
    String name = field.getName().toString();
    int sep = name.indexOf("::");
    if (!name.startsWith(GLOBAL_PREFIX) || sep < 0) return "static field `" + name + "`";
    String module = name.substring(GLOBAL_PREFIX.length(), sep);
    return "global `" + name.substring(sep + 2) + "` of module `" + module + "`";
  }

  private Words field(AbstractFieldPointerKey key) {
    String name = key instanceof InstanceFieldKey i ? i.getField().getName().toString() : null;
    String what =
        PyJsonToCAst.ELEMENTS.equals(name) ? "elements" : name == null ? "a field" : "attribute `" + name + "`";
    return new Words(what, object(ObjectDescriber.describe(key.getInstanceKey(), cg)));
  }

  private static ObjectWords object(JsonObject d) {
    String type = d.has("type_name") ? d.get("type_name").getAsString() : "object";
    String kind = d.has("kind") ? d.get("kind").getAsString() : "object";
    boolean library = kind.equals("library");
    String text = library ? "a `" + type + "` library object" : "a `" + type + "` object";
    // Objects the analysis root makes for functions nobody calls have no source position.
    if (!d.has("file")) return new ObjectWords(text, null, !library);
    String site = d.get("file").getAsString() + (d.has("line") ? ":" + d.get("line").getAsInt() : "");
    return new ObjectWords(text, site, false);
  }

  private static String qualified(com.ibm.wala.ipa.callgraph.CGNode node) {
    return qualified(node.getMethod().getDeclaringClass().getName().toString());
  }

  private static String qualified(String typeName) {
    String q = PyNames.qualifiedName(typeName);
    return q != null ? q : typeName;
  }
}
