package org.hybridize.engine;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.ibm.wala.cast.ipa.callgraph.CAstAnalysisScope;
import com.ibm.wala.cast.loader.AstMethod;
import com.ibm.wala.cast.loader.CAstAbstractModuleLoader.DynamicMethodObject;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.cast.types.AstMethodReference;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.classLoader.Module;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.IAnalysisCacheView;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import com.ibm.wala.ipa.callgraph.propagation.PointerKey;
import com.ibm.wala.ipa.cha.ClassHierarchyException;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import com.ibm.wala.ipa.cha.SeqClassHierarchyFactory;
import com.ibm.wala.ssa.IR;
import com.ibm.wala.util.intset.BimodalMutableIntSetFactory;
import com.ibm.wala.util.intset.IntSetUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.hybridize.analysis.AnalysedProject;
import org.hybridize.analysis.FunctionObjectUses;
import org.hybridize.analysis.ObjectDescriber;
import org.hybridize.analysis.SideEffects;
import org.hybridize.wala.cast.PyEntities.FunctionEntity;
import org.hybridize.wala.cast.ProjectIndex;
import org.hybridize.wala.cast.TranslationIssue;
import org.hybridize.wala.cg.CallGraphSettings;
import org.hybridize.wala.cg.PyCallGraphBuilder;
import org.hybridize.wala.ir.PyLanguage;
import org.hybridize.wala.ir.PyLoader;
import org.hybridize.wala.ir.PyLoaderFactory;
import org.hybridize.wala.cast.PyModuleEntry;
import org.hybridize.wala.ir.PyNames;

/**
 * The one entry point Python calls: builds IR, class hierarchy, call graph and pointer analysis
 * of a whole project from its modules' serialised ASTs ({@link ModuleUpload}), and answers
 * queries with JSON strings.
 * All WALA calls stay behind this facade. Later analyses (mod-ref, tensor types) use the
 * accessors: {@link #callGraph()}, {@link #pointerAnalysis()}, {@link #builder()}, {@link
 * #classHierarchy()}, {@link #qualifiedName(CGNode)}, {@link #parameterName(CGNode, int)}.
 */
public final class PythonProjectEngine implements AnalysedProject {
  private static final Gson GSON = new Gson();

  static {
    // WALA's default points-to sets share bit vectors through a global repository whose
    // lookups scan every set of about the same size: quadratic on large projects. Sorted arrays
    // that turn into bit vectors once dense (class instance sets) keep the same sets cheaply.
    // An explicit choice by system property still wins.
    if (System.getProperty(IntSetUtil.INT_SET_FACTORY_CONFIG_PROPERTY_NAME) == null) {
      IntSetUtil.setDefaultIntSetFactory(new BimodalMutableIntSetFactory());
    }
  }

  private final IClassHierarchy cha;
  private final PyLoader loader;
  private final PyCallGraphBuilder builder;
  private final CallGraph callGraph;
  private final PointerAnalysis<InstanceKey> pointerAnalysis;
  private final IAnalysisCacheView cache;
  private final JsonObject timing;
  private final List<TranslationIssue> issues;
  private final ResultReport report;

  private PythonProjectEngine(
      IClassHierarchy cha,
      PyLoader loader,
      PyCallGraphBuilder builder,
      CallGraph callGraph,
      PointerAnalysis<InstanceKey> pointerAnalysis,
      IAnalysisCacheView cache,
      JsonObject timing) {
    this.cha = cha;
    this.loader = loader;
    this.builder = builder;
    this.callGraph = callGraph;
    this.pointerAnalysis = pointerAnalysis;
    this.cache = cache;
    this.timing = timing;
    this.issues = new ArrayList<>(loader.issues());
    this.report = new ResultReport(this);
  }

  /**
   * Builds everything from the modules uploaded so far. {@code rootPackage}: the name of the
   * project root directory when it is itself a package, else null. {@code settingsJson}:
   * {"context": "0-cfa"|"1-cfa", "budget_seconds": 120, "lexical_refresh": true,
   * "root_all_functions": true, "library_callbacks": false} (see {@link CallGraphSettings}).
   * Never throws for analysis problems: running out of memory or a crash is reported as an
   * engine whose result JSON carries {"fatal": message}.
   */
  public static Object build(ModuleUpload modules, String rootPackage, String settingsJson) {
    try {
      return buildOrThrow(modules, rootPackage, settingsJson);
    } catch (OutOfMemoryError e) {
      return new FailedBuild(OUT_OF_MEMORY);
    } catch (RuntimeException | StackOverflowError e) {
      // Libraries (gson, WALA's solvers) may wrap an OutOfMemoryError in their own exception.
      return new FailedBuild(
          causedByOutOfMemory(e) ? OUT_OF_MEMORY : "internal error in the WALA front end: " + e);
    }
  }

  /** The message for an exhausted heap; Python uses it too, wherever the error strikes. */
  public static final String OUT_OF_MEMORY =
      "the JVM ran out of memory while analysing the project; give it more heap with "
          + "--jvm-heap SIZE or the HYBRIDIZE_JVM_HEAP environment variable (e.g. 8g)";

  static boolean causedByOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) return true;
    }
    return false;
  }

  public static PythonProjectEngine buildOrThrow(
      ModuleUpload modules, String rootPackage, String settingsJson) {
    JsonObject timing = new JsonObject();
    JsonObject settingsObject = JsonParser.parseString(settingsJson).getAsJsonObject();
    CallGraphSettings settings =
        new CallGraphSettings(
            settingsObject.has("context") ? settingsObject.get("context").getAsString() : CallGraphSettings.ZERO_CFA,
            flag(settingsObject, "lexical_refresh", true),
            flag(settingsObject, "root_all_functions", true),
            flag(settingsObject, "library_callbacks", false));
    List<PyModuleEntry> entries = modules.finish();
    timing.addProperty("bridge_parse", modules.parseSeconds());
    timing.addProperty("bridge_wait", modules.waitSeconds());

    long t1 = System.nanoTime();
    ProjectIndex index = new ProjectIndex(entries, rootPackage);
    PyLoaderFactory loaders = new PyLoaderFactory(index);
    CAstAnalysisScope scope =
        new CAstAnalysisScope(entries.toArray(new Module[0]), loaders, Collections.singleton(PyLanguage.PYTHON));
    IClassHierarchy cha;
    try {
      cha = SeqClassHierarchyFactory.make(scope, loaders);
    } catch (ClassHierarchyException e) {
      throw new IllegalStateException(e);
    }
    entries.forEach(PyModuleEntry::releaseAst);
    timing.addProperty("translation", seconds(t1));

    long t2 = System.nanoTime();
    double budget = number(settingsObject, "budget_seconds", 0);
    AnalysisGuard guard =
        new AnalysisGuard(number(settingsObject, "deadline_seconds", 0), number(settingsObject, "memory_fraction", 0));
    double steps = number(settingsObject, "steps_per_instruction", 0);
    CallGraphLadder.Built built = new CallGraphLadder(cha, scope, settings, guard).climbDown(budget, steps);
    timing.addProperty("context", built.settings().context());
    timing.add("degradation", degradation(built));
    timing.addProperty("pointer_analysis", seconds(t2));
    return new PythonProjectEngine(
        cha, loaders.loader(), built.builder(), built.callGraph(), built.pointerAnalysis(),
        built.cache(), timing);
  }

  /**
   * The rungs given up on the way down ({@link CallGraphLadder}), and the one that finished:
   * {@code {"steps": [{"rung", "reason", "seconds", "allowed", "steps", "step_limit"}], "rung":
   * label}} ({@code steps}: solver steps the rung took; {@code step_limit}: its budget of them).
   */
  private static JsonObject degradation(CallGraphLadder.Built built) {
    JsonArray steps = new JsonArray();
    for (CallGraphLadder.Step step : built.steps()) {
      JsonObject o = new JsonObject();
      o.addProperty("rung", step.rung().label);
      o.addProperty("reason", step.reason());
      o.addProperty("seconds", step.seconds());
      if (Double.isFinite(step.allowed())) o.addProperty("allowed", step.allowed());
      o.addProperty("steps", step.steps());
      if (step.stepLimit() > 0) o.addProperty("step_limit", step.stepLimit());
      if (step.error() != null) o.addProperty("error", step.error());
      steps.add(o);
    }
    JsonObject o = new JsonObject();
    o.add("steps", steps);
    o.addProperty("rung", built.rung().label);
    return o;
  }

  private static double number(JsonObject settings, String name, double otherwise) {
    return settings.has(name) ? settings.get(name).getAsDouble() : otherwise;
  }

  private static boolean flag(JsonObject settings, String name, boolean otherwise) {
    return settings.has(name) ? settings.get(name).getAsBoolean() : otherwise;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** Stand-in returned by {@link #build} when the analysis could not finish. */
  public static final class FailedBuild {
    private final String message;

    FailedBuild(String message) {
      this.message = message;
    }

    public String resultJson() {
      JsonObject o = new JsonObject();
      o.addProperty("fatal", message);
      return GSON.toJson(o);
    }
  }

  // ------------------------------------------------------------------ queries for Python

  /** Functions, call edges, errors and timing as one JSON document. */
  public String resultJson() {
    return report.render(timing);
  }

  /** Points-to set of a parameter of a project function (all contexts), as a JSON array. */
  public String pointsTo(String qualifiedName, String parameter) {
    JsonArray out = new JsonArray();
    if (pointerAnalysis == null) return GSON.toJson(out);
    for (CGNode n : nodesOf(qualifiedName)) {
      int vn = parameterValueNumber(n.getMethod(), parameter);
      if (vn < 0) continue;
      PointerKey key = builder.getPointerKeyForLocal(n, vn);
      for (InstanceKey k : pointerAnalysis.getPointsToSet(key)) {
        JsonObject d = ObjectDescriber.describe(k, callGraph);
        if (!out.contains(d)) out.add(d);
      }
    }
    return GSON.toJson(out);
  }

  /**
   * Python side effects per project function with a call-graph node ({@link SideEffects}): {@code
   * {qualified_name: [{"file", "line", "column", "end_line", "end_column", "what", "via": [callee
   * qualified names]}]}}; an empty list
   * means none.
   */
  public String sideEffectsJson() {
    FaultInjection.fact("side_effects");
    if (pointerAnalysis == null) return "{}";
    SideEffects effects = new SideEffects(this);
    return GSON.toJson(SideEffects.toJson(effects.all()));
  }

  /**
   * Uses of each hybrid function's tf.function object beyond calling it ({@link
   * FunctionObjectUses}): {@code {qualified_name: [{"file", "line", "column", "end_line", "end_column", "kind":
   * "attribute"|"signature"|"saved", "detail": attribute name or export API}]}}.
   */
  public String functionObjectUsesJson() {
    FaultInjection.fact("function_object_uses");
    if (pointerAnalysis == null) return "{}";
    FunctionObjectUses uses = new FunctionObjectUses(this);
    return GSON.toJson(FunctionObjectUses.toJson(uses.all()));
  }

  /**
   * Python state each project function (or a callee) reads that other code changes between its
   * calls ({@link org.hybridize.analysis.StaleReads}): {@code {qualified_name: [{"file", "line",
   * "what", "via", "changed_at"}]}}.
   */
  public String staleReadsJson() {
    FaultInjection.fact("stale_reads");
    if (pointerAnalysis == null) return "{}";
    return GSON.toJson(org.hybridize.analysis.StaleReads.toJson(new org.hybridize.analysis.StaleReads(this).all()));
  }

  /**
   * Tensors each project function computes in its own code ({@link
   * org.hybridize.analysis.TensorComputations}): {@code {qualified_name: [{"file", "line", "what"}]}}.
   */
  public String tensorComputationsJson() {
    FaultInjection.fact("tensor_computations");
    if (pointerAnalysis == null) return "{}";
    return GSON.toJson(org.hybridize.analysis.TensorComputations.toJson(this));
  }

  /**
   * Python iterations of tensors per project function ({@link
   * org.hybridize.analysis.TensorIterations}): {@code {qualified_name: [{"place": PLACE,
   * "construct": "for"|"comprehension"|"unpacking", "collects": [PLACE, ...]}]}}, a PLACE being
   * {"file", "line", "column", "end_line", "end_column"} ({@link org.hybridize.analysis.SourceRange};
   * columns absent when unknown).
   */
  public String tensorIterationsJson() {
    FaultInjection.fact("tensor_iterations");
    return GSON.toJson(new org.hybridize.analysis.TensorIterations(this).all());
  }

  /** The IR of a project function (or module) as text. */
  public String ir(String qualifiedName) {
    IMethod m = method(qualifiedName);
    if (m == null) return null;
    IR ir = cache.getIR(m);
    return ir == null ? null : ir.toString();
  }

  // ------------------------------------------------------------------ for later analyses

  public IClassHierarchy classHierarchy() {
    return cha;
  }

  public CallGraph callGraph() {
    return callGraph;
  }

  /** Null when the project had no module to analyse. */
  public PointerAnalysis<InstanceKey> pointerAnalysis() {
    return pointerAnalysis;
  }

  public PyCallGraphBuilder builder() {
    return builder;
  }

  public PyLoader loader() {
    return loader;
  }

  public List<TranslationIssue> issues() {
    return issues;
  }

  /** Dotted qualified name of a node's function ({@code pkg.mod.C.f}); null if not project code. */
  public String qualifiedName(CGNode node) {
    return PyNames.qualifiedName(node.getMethod().getDeclaringClass().getName().toString());
  }

  /** Python parameter name of value number {@code vn} in {@code node}, or null. */
  public String parameterName(CGNode node, int vn) {
    String[] names = argumentNames(node.getMethod());
    return vn >= 2 && vn <= names.length ? names[vn - 1] : null;
  }

  /** Source position (line, code-point column) of parameter {@code vn} of {@code node}. */
  public Position parameterPosition(CGNode node, int vn) {
    return node.getMethod() instanceof AstMethod m ? m.getParameterPosition(vn - 1) : null;
  }

  /** The project method for a qualified name (function, method, lambda or module), or null. */
  public IMethod method(String qualifiedName) {
    for (IClass c : loader.codeBodies()) {
      if (qualifiedName.equals(PyNames.qualifiedName(c.getName().toString()))) {
        return c.getMethod(AstMethodReference.fnSelector);
      }
    }
    return null;
  }

  public Set<CGNode> nodesOf(String qualifiedName) {
    IMethod m = method(qualifiedName);
    return m == null ? Collections.emptySet() : callGraph.getNodes(m.getReference());
  }

  static String[] argumentNames(IMethod m) {
    if (m instanceof DynamicMethodObject d && d.getEntity() != null) return d.getEntity().getArgumentNames();
    return new String[0];
  }

  static int parameterValueNumber(IMethod m, String parameter) {
    String[] names = argumentNames(m);
    for (int i = 1; i < names.length; i++) if (names[i].equals(parameter)) return i + 1;
    return -1;
  }

  static FunctionEntity functionEntity(IMethod m) {
    return m instanceof DynamicMethodObject d && d.getEntity() instanceof FunctionEntity f ? f : null;
  }

  // ------------------------------------------------------------------ parameter values

  /**
   * What each call site passes to each parameter of each project function with a call-graph
   * node ({@link org.hybridize.analysis.ParameterValues}): {@code {qualified_name: {parameter:
   * [{"kind": "tensor"|"tensor_container"|"int"|"float"|"bool"|"str"|"primitive_container"|
   * "none"|"other", "what", "file", "line", "column", "end_line", "end_column", "call": {"caller",
   * "file", "line", "column", "end_line", "end_column"}}]}}} (ranges as {@link
   * org.hybridize.analysis.SourceRange}: the value's allocation site, the call expression).
   */
  public String parameterValuesJson() {
    FaultInjection.fact("parameter_values");
    if (pointerAnalysis == null) return "{}";
    return GSON.toJson(new org.hybridize.analysis.ParameterValues(this).toJson());
  }

  /**
   * Per parameter of each project function with a call-graph node, the tf.TensorSpec its call
   * sites' tensors fit or why none does ({@link org.hybridize.analysis.InputSignatures}).
   */
  public String inputSignaturesJson() {
    FaultInjection.fact("input_signatures");
    if (pointerAnalysis == null) return "{}";
    return GSON.toJson(new org.hybridize.analysis.InputSignatures(this).toJson());
  }
}
