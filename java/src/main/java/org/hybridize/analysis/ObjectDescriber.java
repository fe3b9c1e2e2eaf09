package org.hybridize.analysis;

import com.google.gson.JsonObject;
import com.ibm.wala.cast.ipa.callgraph.ScopeMappingInstanceKeys.ScopeMappingInstanceKey;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.propagation.AllocationSiteInNode;
import com.ibm.wala.ipa.callgraph.propagation.ConstantKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import java.util.List;
import java.util.Set;
import org.hybridize.wala.cg.PyObjectKeys.BoundMethodKey;
import org.hybridize.wala.cg.PyObjectKeys.CallSiteAllocation;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.ModuleObjectKey;
import org.hybridize.wala.cg.PyObjectKeys.PackedArgumentsKey;
import org.hybridize.wala.cg.PyObjectKeys.SuperKey;
import org.hybridize.wala.cg.PyObjectKeys.WrappedFunctionKey;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyNames;
import org.hybridize.wala.ir.PyTypes;

/**
 * Describes an abstract object as {kind, type_name, file, line, column, end_line, end_column[,
 * value][, value_kind]} for Python (the allocation site's range, {@link SourceRange}); {@code value_kind} is the API model's type of a library object ("tensor", ...).
 */
public final class ObjectDescriber {
  private ObjectDescriber() {}

  /** The keys locating an allocation site: its file and {@link SourceRange}. */
  public static final List<String> SITE_KEYS = List.of("file", "line", "column", "end_line", "end_column");

  private static final Set<String> CONTAINERS = Set.of("list", "tuple", "dict", "set", "generator");

  public static JsonObject describe(InstanceKey key, CallGraph cg) {
    if (key instanceof ScopeMappingInstanceKey smik) key = smik.getBase();
    JsonObject d = new JsonObject();
    if (key instanceof ConstantKey<?> c) {
      d.addProperty("kind", "constant");
      d.addProperty("type_name", simpleName(c.getConcreteType()));
      Object v = c.getValue();
      if (v instanceof Number n) d.addProperty("value", n);
      else if (v instanceof Boolean b) d.addProperty("value", b);
      else if (v != null) d.addProperty("value", v.toString());
      else d.add("value", com.google.gson.JsonNull.INSTANCE);
      return d;
    }
    if (key instanceof InstanceObjectKey i) {
      put(d, "object", PyNames.qualifiedName(i.type().getName().toString()));
      site(d, i);
    } else if (key instanceof LibraryObjectKey l) {
      put(d, "library", l.path());
      if (l.kind() != null) d.addProperty("value_kind", l.kind().modelName());
      site(d, l);
    } else if (key instanceof PackedArgumentsKey p) {
      put(d, simpleName(p.getConcreteType()), simpleName(p.getConcreteType()));
      site(d, p);
    } else if (key instanceof ModuleObjectKey m) {
      put(d, "module", m.module());
    } else if (key instanceof BoundMethodKey b) {
      put(d, "method", qualified(b.function().getConcreteType()));
    } else if (key instanceof WrappedFunctionKey w) {
      put(d, w.kind().name().toLowerCase(), qualified(w.function().getConcreteType()));
    } else if (key instanceof SuperKey s) {
      put(d, "super", PyNames.qualifiedName(s.after().getName().toString()));
    } else if (key instanceof AllocationSiteInNode a) {
      IClass type = a.getConcreteType();
      String simple = simpleName(type);
      if (type instanceof PyClassType) put(d, "class", qualified(type));
      else if (type.getSuperclass() != null && type.getSuperclass().getReference().equals(PyTypes.FUNCTION)) {
        put(d, "function", qualified(type));
      } else if (CONTAINERS.contains(simple)) put(d, simple, simple);
      else put(d, "object", simple);
      position(d, a.getNode(), a.getSite().getProgramCounter());
    } else {
      put(d, "object", String.valueOf(key.getConcreteType()));
    }
    return d;
  }

  private static void put(JsonObject d, String kind, String type) {
    d.addProperty("kind", kind);
    d.addProperty("type_name", type);
  }

  private static String qualified(IClass c) {
    String q = PyNames.qualifiedName(c.getName().toString());
    return q != null ? q : simpleName(c);
  }

  private static String simpleName(IClass c) {
    String n = c.getName().toString();
    return n.startsWith("L") ? n.substring(1) : n;
  }

  private static void site(JsonObject d, CallSiteAllocation a) {
    if (a.creator() != null) position(d, a.creator(), a.site().getProgramCounter());
  }

  private static void position(JsonObject d, CGNode node, int pc) {
    String file = PyNames.fileOf(node.getMethod().getDeclaringClass().getName().toString());
    if (file != null) d.addProperty("file", file);
    SourceRange range = SourceRange.at(node, pc);
    if (range != SourceRange.UNKNOWN) range.addTo(d);
  }
}
