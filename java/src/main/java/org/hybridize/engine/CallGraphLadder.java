package org.hybridize.engine;

import com.ibm.wala.cast.ipa.callgraph.AstCallGraph;
import com.ibm.wala.cast.ipa.callgraph.CAstAnalysisScope;
import com.ibm.wala.cast.ir.ssa.AstIRFactory;
import com.ibm.wala.ipa.callgraph.AnalysisCacheImpl;
import com.ibm.wala.ipa.callgraph.AnalysisOptions;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.CallGraph;
import com.ibm.wala.ipa.callgraph.Entrypoint;
import com.ibm.wala.ipa.callgraph.IAnalysisCacheView;
import com.ibm.wala.ipa.callgraph.impl.ClassHierarchyClassTargetSelector;
import com.ibm.wala.ipa.callgraph.impl.ClassHierarchyMethodTargetSelector;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ipa.callgraph.propagation.PointerAnalysis;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import com.ibm.wala.util.CancelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hybridize.wala.cg.CallGraphSettings;
import org.hybridize.wala.cg.LibraryModel;
import org.hybridize.wala.cg.PyCallGraphBuilder;
import org.hybridize.wala.cg.PyScriptEntryPoints;
import org.hybridize.wala.ir.PyLanguage;

/**
 * Builds the call graph down a ladder of ever cheaper analyses until one finishes within the
 * {@link AnalysisGuard}: 1-CFA (within its own budget), 0-CFA, 0-CFA with coarse keys ({@link
 * PyCallGraphBuilder#coarsen}: one abstract object per library path, one per container type per
 * function), and finally no call graph at all, which leaves every function undetermined. Each
 * step down is recorded ({@link Step}) so the report can name it.
 */
final class CallGraphLadder {
  /** The analyses, most precise first. */
  enum Rung {
    ONE_CFA("1-cfa"),
    ZERO_CFA("0-cfa"),
    COARSE("0-cfa-coarse"),
    NONE("none");

    final String label;

    Rung(String label) {
      this.label = label;
    }
  }

  /**
   * A rung given up: which, why ("budget", "work", "deadline", "memory", "error": it threw),
   * after how many seconds, of how many it was allowed (infinite: until the deadline), after how
   * many solver steps of how many (0: no limit); for "error", the exception (else null).
   */
  record Step(Rung rung, String reason, double seconds, double allowed, long steps, long stepLimit, String error) {
    Step(Rung rung, String reason, double seconds, double allowed, long steps, long stepLimit) {
      this(rung, reason, seconds, allowed, steps, stepLimit, null);
    }
  }

  record Built(
      Rung rung,
      CallGraphSettings settings,
      PyCallGraphBuilder builder,
      CallGraph callGraph,
      PointerAnalysis<InstanceKey> pointerAnalysis,
      IAnalysisCacheView cache,
      List<Step> steps) {}

  /** The share of the deadline kept back for the coarse rung when 0-CFA runs. */
  static final double COARSE_RESERVE = 0.25;

  /** The most of the deadline 1-CFA may take: the cheaper rungs need the rest. */
  static final double ONE_CFA_SHARE = 0.5;

  private final IClassHierarchy cha;
  private final CAstAnalysisScope scope;
  private final CallGraphSettings settings;
  private final AnalysisGuard guard;
  private final List<Step> steps = new ArrayList<>();

  CallGraphLadder(IClassHierarchy cha, CAstAnalysisScope scope, CallGraphSettings settings, AnalysisGuard guard) {
    this.cha = cha;
    this.scope = scope;
    this.settings = settings;
    this.guard = guard;
  }

  /**
   * {@code oneCfaBudget}: seconds a context-sensitive analysis may run (0: until the deadline);
   * {@code oneCfaSteps}: solver steps it may take per IR instruction of the project (0: any
   * number). On the projects measured 1-CFA finished within 2.4 steps per instruction; where it
   * grows without bound (OpenNMT-tf: 0-CFA alone takes 8.7) the step budget gives up after
   * seconds, on any machine, where the seconds budget waited two minutes.
   */
  Built climbDown(double oneCfaBudget, double oneCfaSteps) {
    boolean sensitive = settings.context().equals(CallGraphSettings.ONE_CFA);
    if (sensitive) {
      double share = guard.deadlineSeconds() * ONE_CFA_SHARE;
      double budget = share > 0 && (oneCfaBudget <= 0 || share < oneCfaBudget) ? share : oneCfaBudget;
      long steps = oneCfaSteps > 0 ? Math.max(1, Math.round(oneCfaSteps * ProgramSize.instructions(cha))) : 0;
      Built built = attempt(Rung.ONE_CFA, settings, budget, false, steps);
      if (built != null) return built;
    }
    CallGraphSettings insensitive =
        new CallGraphSettings(
            CallGraphSettings.ZERO_CFA,
            settings.lexicalRefresh(),
            settings.rootAllFunctions(),
            settings.libraryCallbacks());
    double reserve = guard.deadlineSeconds() > 0 ? guard.deadlineSeconds() * COARSE_RESERVE : 0;
    double zeroBudget = Double.isFinite(guard.remainingSeconds()) ? Math.max(guard.remainingSeconds() - reserve, 1e-3) : 0;
    Built built = attempt(Rung.ZERO_CFA, insensitive, zeroBudget, true, 0);
    if (built != null) return built;
    built = attempt(Rung.COARSE, insensitive, 0, true, 0);
    if (built != null) return built;
    return noCallGraph(insensitive);
  }

  /** The rung's result, or null (recorded in {@link #steps}) when the guard stopped it. */
  private Built attempt(
      Rung rung, CallGraphSettings rungSettings, double budgetSeconds, boolean ofDeadline, long stepLimit) {
    // What a rung given up built is garbage: collect it before the next rung measures the heap.
    if (!steps.isEmpty()) AnalysisGuard.collectGarbage();
    double began = guard.elapsedSeconds();
    AnalysisGuard.Rung monitor =
        rung == Rung.COARSE
            ? guard.lastResort(budgetSeconds)
            : stepLimit > 0 ? guard.monitor(budgetSeconds, stepLimit) : guard.monitor(budgetSeconds, ofDeadline);
    double allowed = Math.min(guard.remainingSeconds(), budgetSeconds > 0 ? budgetSeconds : Double.POSITIVE_INFINITY);
    PyCallGraphBuilder builder = null;
    try {
      FaultInjection.rung(rung.label);
      Setup setup = setup(rungSettings, rung == Rung.COARSE);
      builder = setup.builder();
      if (setup.entrypointless()) {
        return new Built(rung, rungSettings, builder, emptyCallGraph(builder, setup.options()), null, setup.cache(), steps);
      }
      CallGraph cg = builder.makeCallGraph(setup.options(), monitor);
      census(builder, rung, "finished");
      return new Built(rung, rungSettings, builder, cg, builder.getPointerAnalysis(), setup.cache(), steps);
    } catch (CancelException e) {
      census(builder, rung, "stopped");
      String reason = monitor.stop() == null ? "deadline" : monitor.stop().name().toLowerCase();
      steps.add(new Step(rung, reason, guard.elapsedSeconds() - began, allowed, monitor.steps(), stepLimit));
    } catch (OutOfMemoryError e) {
      builder = null; // let the collector take back what the rung built before the next one
      steps.add(new Step(rung, "memory", guard.elapsedSeconds() - began, allowed, monitor.steps(), stepLimit));
    } catch (RuntimeException | StackOverflowError e) {
      // A bug in this rung's analysis (a constraint that throws) costs the rung, not the report.
      builder = null;
      boolean memory = PythonProjectEngine.causedByOutOfMemory(e);
      steps.add(new Step(rung, memory ? "memory" : "error", guard.elapsedSeconds() - began, allowed,
          monitor.steps(), stepLimit, memory ? null : describe(e)));
    }
    return null;
  }

  /** The exception and the first frame of ours it passed through. */
  private static String describe(Throwable e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().startsWith("org.hybridize.")) return e + " (at " + frame + ")";
    }
    return e.toString();
  }

  private static void census(PyCallGraphBuilder builder, Rung rung, String how) {
    if (builder != null && PointsToCensus.enabled() && builder.getPropagationSystem() != null) {
      System.err.println(PointsToCensus.of(builder.getPropagationSystem(), rung.label + " (" + how + ")")
          + "library paths collapsed: " + builder.fanout().collapsed());
    }
  }

  /** The call graph of the root alone, no pointer analysis: every function stays undetermined. */
  private Built noCallGraph(CallGraphSettings rungSettings) {
    try {
      Setup setup = setup(rungSettings, true);
      return new Built(
          Rung.NONE, rungSettings, setup.builder(), emptyCallGraph(setup.builder(), setup.options()), null,
          setup.cache(), steps);
    } catch (CancelException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Setup(PyCallGraphBuilder builder, AnalysisOptions options, IAnalysisCacheView cache, boolean entrypointless) {}

  private Setup setup(CallGraphSettings rungSettings, boolean coarse) {
    Iterable<Entrypoint> entrypoints = new PyScriptEntryPoints(cha);
    AnalysisOptions options = new AnalysisOptions(scope, entrypoints);
    options.setUseConstantSpecificKeys(true);
    options.setSelector(new ClassHierarchyMethodTargetSelector(cha));
    options.setSelector(new ClassHierarchyClassTargetSelector(cha));
    IAnalysisCacheView cache = new AnalysisCacheImpl(AstIRFactory.makeDefaultFactory());
    PyCallGraphBuilder builder = new PyCallGraphBuilder(cha, options, cache, rungSettings, LibraryModel.bundled());
    if (coarse) builder.coarsen();
    // WALA refuses to build from no entry point: a project without (analysable) modules gets
    // the empty call graph of the root alone, and no pointer analysis.
    return new Setup(builder, options, cache, !entrypoints.iterator().hasNext());
  }

  private static CallGraph emptyCallGraph(PyCallGraphBuilder builder, AnalysisOptions options) throws CancelException {
    options.setEntrypoints(Collections.emptyList());
    AstCallGraph graph =
        new AstCallGraph(
            PyLanguage.PYTHON.getFakeRootMethod(builder.getClassHierarchy(), options, builder.getAnalysisCache()),
            options,
            builder.getAnalysisCache()) {
          @Override
          protected CGNode makeFakeWorldClinitNode() {
            return null;
          }
        };
    graph.init();
    return graph;
  }
}
