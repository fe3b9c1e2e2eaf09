package org.hybridize.engine;

import com.ibm.wala.util.MonitorUtil.IProgressMonitor;

/** Cancels WALA's call-graph construction once a time budget is spent (its solver polls this). */
final class Deadline implements IProgressMonitor {
  private final long deadlineNanos;
  private boolean canceled;

  Deadline(double seconds) {
    this.deadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
  }

  @Override
  public boolean isCanceled() {
    canceled |= System.nanoTime() > deadlineNanos;
    return canceled;
  }

  @Override
  public String getCancelMessage() {
    return "the call-graph time budget is spent";
  }

  @Override
  public void cancel() {
    canceled = true;
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
