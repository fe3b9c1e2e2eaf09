package org.hybridize.analysis;

import com.google.gson.JsonObject;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceFieldKey;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ssa.IR;
import com.ibm.wala.ssa.SSAAbstractInvokeInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.ClassAttributeKey;
import org.hybridize.wala.cg.PyCallGraphBuilder.FunctionObjectRead;
import org.hybridize.wala.cg.PyCallGraphBuilder.LibraryCall;
import org.hybridize.wala.cg.PyObjectKeys.InstanceObjectKey;
import org.hybridize.wala.cg.TfFunctionKey;
import org.hybridize.wala.ir.PyClassType;
import org.hybridize.wala.ir.PyInvokeInstruction;
import org.hybridize.wala.ir.PyNames;

/**
 * Where the {@code tf.function} object of a hybrid function is used as such, not only called:
 * an attribute read on it ({@code step.get_concrete_function()}, {@code step.python_function}),
 * its flow into {@code tf.saved_model.save} as a signature, and its storage on an object that
 * is saved. Removing the decorator breaks every such use. All of it is the pointer analysis'
 * {@link TfFunctionKey}: aliases, bound methods and other modules come for free.
 */
public final class FunctionObjectUses {
  /** APIs that export the tf.function objects they reach (with their input signatures). */
  private static final Set<String> EXPORTS = Set.of("tensorflow.saved_model.save");

  /** Position and name of the {@code signatures} parameter of {@code tf.saved_model.save}. */
  private static final int SIGNATURES_POSITION = 2;
  private static final String SIGNATURES = "signatures";

  /** Attributes of the saved object are followed this deep (a module holding a module ...). */
  private static final int MAX_DEPTH = 4;

  /** One use: where, and what it does with the Function object. */
  public record Use(String file, SourceRange range, String kind, String detail) {}

  private final AnalysedProject project;
  private final PointerAnalysis<InstanceKey> pa;
  private final Map<String, Set<Use>> uses = new LinkedHashMap<>();
  private Map<InstanceKey, List<PointerKey>> instanceFields;
  private Map<PyClassType, List<PointerKey>> classAttributes;

  public FunctionObjectUses(AnalysedProject project) {
    this.project = project;
    this.pa = project.pointerAnalysis();
  }

  /** Uses per hybrid function (qualified name of the function the decorator wrapped). */
  public Map<String, Set<Use>> all() {
    for (FunctionObjectRead read : project.builder().functionObjectReads()) {
      Use use = new Use(fileOf(read.reader()), SourceRange.at(read.reader(), read.pc()), "attribute", read.attribute());
      add(read.function(), use);
    }
    for (LibraryCall call : project.builder().libraryCalls()) {
      if (EXPORTS.contains(call.api())) exportedBy(call);
    }
    return uses;
  }

  private void exportedBy(LibraryCall call) {
    IR ir = call.caller().getIR();
    if (ir == null) return;
    for (SSAAbstractInvokeInstruction i : ir.getCalls(call.site())) {
      if (!(i instanceof PyInvokeInstruction invoke)) continue;
      SourceRange range = SourceRange.at(call.caller(), call.site().getProgramCounter());
      Use signature = new Use(fileOf(call.caller()), range, "signature", call.api());
      Use saved = new Use(signature.file(), range, "saved", call.api());
      for (int a = 0; a < invoke.getShape().argumentCount(); a++) {
        boolean isSignatures = isSignaturesArgument(invoke, a);
        Set<InstanceKey> seen = new HashSet<>();
        for (InstanceKey k : pa.getPointsToSet(project.builder().getPointerKeyForLocal(call.caller(), invoke.getArgument(a)))) {
          collect(k, isSignatures ? signature : saved, isSignatures, 0, seen);
        }
      }
    }
  }

  private static boolean isSignaturesArgument(PyInvokeInstruction invoke, int argument) {
    int positional = invoke.getShape().positional();
    if (argument < positional) return argument == SIGNATURES_POSITION;
    return SIGNATURES.equals(invoke.getShape().keywords().get(argument - positional));
  }

  /**
   * Records the Function objects {@code object} is or holds: the elements of a signatures dict
   * or list; the attributes (instance and class) of a saved object and of what they hold.
   */
  private void collect(InstanceKey object, Use use, boolean inSignatures, int depth, Set<InstanceKey> seen) {
    if (depth > MAX_DEPTH || !seen.add(object)) return;
    TfFunctionKey function = TfFunctionKey.of(object);
    if (function != null) {
      add(function, use);
      return;
    }
    List<PointerKey> held = new ArrayList<>();
    PointerKey elements = project.builder().fieldKey(object, PyJsonToCAst.ELEMENTS);
    if (elements != null) held.add(elements);
    if (!inSignatures) held.addAll(attributesOf(object));
    for (PointerKey key : held) {
      for (InstanceKey k : pa.getPointsToSet(key)) collect(k, use, inSignatures, depth + 1, seen);
    }
  }

  /** The instance fields of {@code object} and, for an instance, the class attributes of its MRO. */
  private List<PointerKey> attributesOf(InstanceKey object) {
    indexAttributes();
    List<PointerKey> keys = new ArrayList<>(instanceFields.getOrDefault(object, List.of()));
    if (object instanceof InstanceObjectKey instance) {
      for (PyClassType c : instance.type().mro()) keys.addAll(classAttributes.getOrDefault(c, List.of()));
    }
    return keys;
  }

  /** Attribute keys by the object or class owning them, indexed once (only a save needs them). */
  private void indexAttributes() {
    if (instanceFields != null) return;
    instanceFields = new HashMap<>();
    classAttributes = new HashMap<>();
    for (PointerKey key : pa.getPointerKeys()) {
      if (key instanceof InstanceFieldKey f) {
        instanceFields.computeIfAbsent(f.getInstanceKey(), o -> new ArrayList<>()).add(key);
      } else if (key instanceof ClassAttributeKey c) {
        classAttributes.computeIfAbsent(c.owner(), o -> new ArrayList<>()).add(key);
      }
    }
  }

  private void add(TfFunctionKey function, Use use) {
    String name = PyNames.qualifiedName(function.function().getConcreteType().getName().toString());
    if (name != null) uses.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(use);
  }

  private static String fileOf(CGNode node) {
    return PyNames.fileOf(node.getMethod().getDeclaringClass().getName().toString());
  }

  /**
   * {@code {qualified_name: [{"file", "line", "column", "end_line", "end_column", "kind", "detail"}]}}
   * (the range is the use's expression, {@link SourceRange}).
   */
  public static JsonObject toJson(Map<String, Set<Use>> uses) {
    return FactsJson.byFunction(uses, u -> {
      JsonObject o = new JsonObject();
      o.addProperty("file", u.file());
      u.range().addTo(o);
      o.addProperty("kind", u.kind());
      o.addProperty("detail", u.detail());
      return o;
    });
  }
}
