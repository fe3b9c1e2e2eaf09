package org.hybridize.engine;

import com.ibm.wala.util.MonitorUtil.IProgressMonitor;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The one deadline and memory guard of a whole analysis. Each rung of the {@link CallGraphLadder}
 * runs under a {@link #monitor} that WALA's solver polls: it cancels the rung once the rung's own
 * budget (of seconds, or of solver steps) or the analysis deadline is spent, or once the heap
 * still in use after the last garbage collection passes a fraction of the maximum heap (the
 * points-to sets are outgrowing the heap: better to step down now than to run out of memory
 * later).
 *
 * <p>WALA's fixed-point solver polls the monitor once before each constraint it evaluates, so the
 * number of polls counts the rung's work the same way on an idle machine and on a loaded one: a
 * budget of steps gives the same call graph, hence the same verdicts, whatever the load.
 */
final class AnalysisGuard {
  /** How often the solver's polls actually read the heap (reading it allocates). */
  private static final long MEMORY_CHECK_INTERVAL_NANOS = 50_000_000L;

  private final long startNanos = System.nanoTime();
  private final double deadlineSeconds;
  private final double memoryFraction;
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();

  /**
   * {@code deadlineSeconds}: for the whole call-graph construction, 0 for none; {@code
   * memoryFraction}: of the maximum heap live after a collection, 0 (or 1 and more) for none.
   */
  AnalysisGuard(double deadlineSeconds, double memoryFraction) {
    this.deadlineSeconds = deadlineSeconds;
    this.memoryFraction = memoryFraction;
  }

  double deadlineSeconds() {
    return deadlineSeconds;
  }

  double memoryFraction() {
    return memoryFraction;
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Seconds left before the deadline (infinite without one). */
  double remainingSeconds() {
    return deadlineSeconds > 0 ? deadlineSeconds - elapsedSeconds() : Double.POSITIVE_INFINITY;
  }

  /**
   * A full collection, so the next rung measures its own heap, not the garbage of the rung given
   * up. Not {@code System.gc()}: the JVM runs with {@code -XX:+DisableExplicitGC} (JPype would
   * otherwise ask for a full collection after Python's), which ignores it; the diagnostic
   * command {@code GC.run} is not an explicit collection in that sense. Without it, the old
   * generation's last measured use was the given-up rung's, and stopped the next one after a
   * second (the generated 200 KLOC project in a 4 GiB heap: 0-CFA and the coarse rung both
   * "over the guard", no call graph).
   */
  static void collectGarbage() {
    try {
      ManagementFactory.getPlatformMBeanServer()
          .invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "gcRun",
              new Object[] {null},
              new String[] {String[].class.getName()});
    } catch (JMException e) {
      // Not a HotSpot JVM: the next rung still waits for a collection of its own.
    }
  }

  /** Collections so far, all collectors together. */
  static long collections() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(gc.getCollectionCount(), 0);
    }
    return count;
  }

  /**
   * The share of the maximum heap in use right after the latest collection, of any collector:
   * what the program holds, with at most the garbage the collector left in the old generation.
   * Not each pool's "usage after its last collection": on G1 the old generation's figure changes
   * only at full collections, so it stayed near zero while 1-CFA filled the heap (the generated
   * 100 KLOC project never stepped down, even with a guard of 5%).
   */
  double liveHeapFraction() {
    GcInfo latest = null;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean hotspot) {
        GcInfo info = hotspot.getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) latest = info;
      }
    }
    long used = 0;
    if (latest != null) {
      for (MemoryPoolMXBean pool : heapPools) {
        MemoryUsage after = latest.getMemoryUsageAfterGc().get(pool.getName());
        if (after != null) used += after.getUsed();
      }
    } else {
      // Not a HotSpot JVM: each pool's usage after its own last collection.
      for (MemoryPoolMXBean pool : heapPools) {
        MemoryUsage after = pool.getCollectionUsage();
        if (after != null) used += after.getUsed();
      }
    }
    return (double) used / Runtime.getRuntime().maxMemory();
  }

  /**
   * A monitor for one rung that may run {@code budgetSeconds} (0: until the deadline); {@code
   * ofDeadline}: the budget is the rung's share of the deadline, not a budget of its own.
   */
  Rung monitor(double budgetSeconds, boolean ofDeadline) {
    return monitor(budgetSeconds, ofDeadline, memoryFraction, 0);
  }

  /** A monitor for a rung that may also take at most {@code steps} solver steps (0: any number). */
  Rung monitor(double budgetSeconds, long steps) {
    return monitor(budgetSeconds, false, memoryFraction, steps);
  }

  /**
   * The last rung before no call graph at all may use half the heap the guard kept back: the
   * program's own IR and class hierarchy stay live through every rung, and on a large project
   * (200 KLOC) they alone neared the guard.
   */
  Rung lastResort(double budgetSeconds) {
    return monitor(budgetSeconds, true, memoryFraction > 0 && memoryFraction < 1 ? (1 + memoryFraction) / 2 : memoryFraction, 0);
  }

  private Rung monitor(double budgetSeconds, boolean ofDeadline, double heapFraction, long steps) {
    double seconds = Math.min(remainingSeconds(), budgetSeconds > 0 ? budgetSeconds : Double.POSITIVE_INFINITY);
    return new Rung(seconds, ofDeadline, heapFraction, steps);
  }

  /** Why a rung was stopped. */
  enum Stop {
    BUDGET,
    WORK,
    DEADLINE,
    MEMORY
  }

  /** The monitor of one rung; {@link #stop()} says why it cancelled. */
  final class Rung implements IProgressMonitor {
    private final long endNanos;
    private final boolean endIsDeadline;
    private long nextMemoryCheck;
    private Stop stop;
    /**
     * Collections before this rung began: until one more, the live heap measured is the last
     * rung's (given up, garbage by now), and would stop this one at once.
     */
    private final long collectionsAtStart = collections();

    private final double heapFraction;
    /** The most solver steps this rung may take; 0: no limit. */
    private final long stepLimit;

    private long steps;

    private Rung(double seconds, boolean ofDeadline, double heapFraction, long stepLimit) {
      this.heapFraction = heapFraction;
      this.stepLimit = stepLimit;
      boolean timed = Double.isFinite(seconds);
      this.endNanos = timed ? System.nanoTime() + (long) (Math.max(seconds, 0) * 1e9) : Long.MAX_VALUE;
      this.endIsDeadline = timed && (ofDeadline || seconds >= remainingSeconds() - 1e-3);
    }

    Stop stop() {
      return stop;
    }

    /** Solver steps this rung took (polls of the monitor). */
    long steps() {
      return steps;
    }

    long stepLimit() {
      return stepLimit;
    }

    @Override
    public boolean isCanceled() {
      if (stop != null) return true;
      steps++;
      if (stepLimit > 0 && steps > stepLimit) {
        stop = Stop.WORK;
        return true;
      }
      long now = System.nanoTime();
      if (now > endNanos) {
        stop = endIsDeadline ? Stop.DEADLINE : Stop.BUDGET;
      } else if (heapFraction > 0 && heapFraction < 1 && now > nextMemoryCheck) {
        nextMemoryCheck = now + MEMORY_CHECK_INTERVAL_NANOS;
        if (collections() > collectionsAtStart && liveHeapFraction() > heapFraction) stop = Stop.MEMORY;
      }
      return stop != null;
    }

    @Override
    public String getCancelMessage() {
      return "the analysis guard stopped this call-graph construction: " + stop;
    }

    @Override
    public void cancel() {
      if (stop == null) stop = Stop.DEADLINE;
    }

    @Override
    public void beginTask(String task, int totalWork) {}

    @Override
    public void subTask(String subTask) {}

    @Override
    public void done() {}

    @Override
    public void worked(int units) {}
  }
}
