package org.hybridize.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.hybridize.wala.cast.PyModuleEntry;

/**
 * A project's modules arriving from Python one document at a time (schema in {@code
 * hybridize/bridge/serialize.py}). A background thread parses each document while Python
 * serialises the next one: JPype releases the GIL during {@link #add}, so on two cores the JSON
 * parse hides behind the serialisation instead of following it.
 */
public final class ModuleUpload {
  // Compared by identity: marks the end of the upload.
  private static final String END = new String("end of upload");

  private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
  // Written by the parser thread only; read after it has ended.
  private final List<PyModuleEntry> parsed = new ArrayList<>();
  // A large stack: the reader recurses once per level of the tree, and Python accepts
  // expressions (long a + b + ... chains) nested thousands deep.
  private final Thread parser = new Thread(null, this::parseAll, "hybridize-module-parser", 256L << 20);
  private volatile Throwable failure;
  private volatile boolean complete;
  private long parseNanos;
  private long waitNanos;

  public ModuleUpload() {
    parser.setDaemon(true); // never keeps the JVM (and so Python) from exiting
    parser.start();
  }

  /** Queues one module document for parsing; returns at once. */
  public void add(String moduleJson) {
    // After a failure the build is lost: queue nothing more.
    if (failure == null) pending.add(moduleJson);
  }

  /** Ends an upload that will not be built (Python failed half-way): the parser thread stops. */
  public void cancel() {
    failure = new IllegalStateException("upload cancelled");
    pending.clear();
    pending.add(END);
  }

  private void parseAll() {
    try {
      for (String document = pending.take(); document != END; document = pending.take()) {
        long began = System.nanoTime();
        parsed.add(ModuleDocument.read(document));
        parseNanos += System.nanoTime() - began;
      }
      complete = true;
    } catch (Throwable e) {
      // Recorded without allocating, and everything parsed is let go: after running out of
      // heap, carrying on would thrash the collector next to a full heap.
      failure = e;
      pending.clear();
      parsed.clear();
    }
  }

  /**
   * The parsed modules in the order they were added, once all are parsed. A failed parse is
   * rethrown as it happened (running out of heap stays an {@link OutOfMemoryError}).
   */
  List<PyModuleEntry> finish() {
    long began = System.nanoTime();
    pending.add(END);
    try {
      parser.join(); // returns however the thread ended, even from an error it could not record
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parsing the project's modules", e);
    } finally {
      waitNanos = System.nanoTime() - began;
    }
    if (failure instanceof RuntimeException e) throw e;
    if (failure instanceof Error e) throw e;
    if (!complete) throw new IllegalStateException("the module parser thread ended early");
    return parsed;
  }

  /** Seconds the background thread spent parsing (overlapping Python's serialisation). */
  double parseSeconds() {
    return parseNanos / 1e9;
  }

  /** Seconds {@link #finish} waited for parses still running when the last module arrived. */
  double waitSeconds() {
    return waitNanos / 1e9;
  }
}
