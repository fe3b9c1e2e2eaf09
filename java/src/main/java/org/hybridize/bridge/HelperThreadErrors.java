package org.hybridize.bridge;

/**
 * What a thread other than the analysis does when an error escapes it. Running out of heap is
 * reported by the analysis itself, in one line naming the heap setting; the same error reaching
 * a helper thread (JPype's reference queue, say) would otherwise print a Java stack trace beside
 * that line, or, when printing it needs memory too, a JVM notice. Every other error is printed
 * as the JVM would.
 */
public final class HelperThreadErrors {
  private HelperThreadErrors() {}

  public static void install() {
    Thread.setDefaultUncaughtExceptionHandler(HelperThreadErrors::uncaught);
  }

  private static void uncaught(Thread thread, Throwable error) {
    if (error instanceof OutOfMemoryError) return; // allocates nothing: the heap is exhausted
    System.err.print("Exception in thread \"" + thread.getName() + "\" ");
    error.printStackTrace(System.err);
  }
}
