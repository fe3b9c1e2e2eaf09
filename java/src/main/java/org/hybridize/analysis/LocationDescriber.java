package org.hybridize.analysis;

import com.google.gson.JsonObject;
import com.ibm.wala.classLoader.IField;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.propagation.AbstractFieldPointerKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceFieldKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.callgraph.propagation.StaticFieldKey;
import org.hybridize.engine.ObjectDescriber;
import org.hybridize.engine.PythonProjectEngine;
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

  private final PythonProjectEngine engine;
  private final CallGraph cg;

  LocationDescriber(PythonProjectEngine engine) {
    this.engine = engine;
    this.cg = engine.callGraph();
  }

  String describe(PointerKey key) {
    if (key instanceof StaticFieldKey s) return moduleVariable(s.getField());
    if (key instanceof ClassAttributeKey c) {
      return "class attribute `" + c.name() + "` of `" + qualified(c.owner().getName().toString()) + "`";
    }
    if (key instanceof ClosureVariableKey v) {
      return "closure variable `" + v.name() + "` of `" + qualified(v.definingNode()) + "`";
    }
    if (key instanceof PythonIoKey io) return "Python I/O: " + PythonIoApis.shortName(io.api());
    if (key instanceof AbstractFieldPointerKey f) return field(f);
    if (key instanceof UnknownArgumentKey u) {
      return "an object an unknown caller passes as parameter `" + engine.parameterName(u.node(), u.valueNumber()) + "`";
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

  private String field(AbstractFieldPointerKey key) {
    String name = key instanceof InstanceFieldKey i ? i.getField().getName().toString() : null;
    String what =
        PyJsonToCAst.ELEMENTS.equals(name) ? "elements" : name == null ? "a field" : "attribute `" + name + "`";
    return what + " of " + object(ObjectDescriber.describe(key.getInstanceKey(), cg));
  }

  private static String object(JsonObject d) {
    String type = d.has("type_name") ? d.get("type_name").getAsString() : "object";
    String kind = d.has("kind") ? d.get("kind").getAsString() : "object";
    String text = kind.equals("library") ? "a `" + type + "` library object" : "a `" + type + "` object";
    // Objects the analysis root makes for functions nobody calls have no source position.
    if (!d.has("file")) return kind.equals("library") ? text : text + " of an unknown caller";
    return text + " allocated at " + d.get("file").getAsString() + (d.has("line") ? ":" + d.get("line").getAsInt() : "");
  }

  private static String qualified(com.ibm.wala.ipa.callgraph.CGNode node) {
    return qualified(node.getMethod().getDeclaringClass().getName().toString());
  }

  private static String qualified(String typeName) {
    String q = PyNames.qualifiedName(typeName);
    return q != null ? q : typeName;
  }
}
