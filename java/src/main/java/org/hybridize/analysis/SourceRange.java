package org.hybridize.analysis;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import com.ibm.wala.cast.loader.AstMethod;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.ipa.callgraph.CGNode;
import java.io.IOException;
import java.util.Comparator;

/**
 * Where a fact is in its file: the expression or statement's first line and column and its last
 * line and end column, as the front end's {@code PySourcePosition} holds them from Python's
 * {@code ast}: lines 1-based, columns 0-based in code points (indices into the line as a Python
 * {@code str}), the end exclusive. Every fact handed to Python carries one, so that Python quotes
 * exactly the code a fact is about.
 *
 * <p>Serialised as {@code "line"} (0 when unknown, as facts always said) and, when known,
 * {@code "column"}, {@code "end_line"} and {@code "end_column"}.
 */
public record SourceRange(int line, int column, int endLine, int endColumn) implements Comparable<SourceRange> {
  /** No position known. */
  public static final SourceRange UNKNOWN = new SourceRange(0, -1, 0, -1);

  private static final Comparator<SourceRange> ORDER =
      Comparator.comparingInt(SourceRange::line)
          .thenComparingInt(SourceRange::column)
          .thenComparingInt(SourceRange::endLine)
          .thenComparingInt(SourceRange::endColumn);

  /** The range of a CAst position; columns a position lacks (negative) are unknown. */
  public static SourceRange of(Position p) {
    if (p == null) return UNKNOWN;
    int line = p.getFirstLine();
    int endLine = p.getLastLine();
    boolean columns = p.getFirstCol() >= 0 && p.getLastCol() >= 0 && endLine >= line;
    return columns ? new SourceRange(line, p.getFirstCol(), endLine, p.getLastCol()) : new SourceRange(line, -1, line, -1);
  }

  /** The range of the instruction at {@code pc} of a node's method (UNKNOWN outside source code). */
  public static SourceRange at(CGNode node, int pc) {
    return node.getMethod() instanceof AstMethod m ? of(m.getSourcePosition(pc)) : UNKNOWN;
  }

  public boolean hasColumns() {
    return column >= 0;
  }

  /** Adds {@code "line"} and, when known, {@code "column"}, {@code "end_line"}, {@code "end_column"}. */
  public void addTo(JsonObject o) {
    o.addProperty("line", line);
    if (!hasColumns()) return;
    o.addProperty("column", column);
    o.addProperty("end_line", endLine);
    o.addProperty("end_column", endColumn);
  }

  /** The same keys as {@link #addTo}, written into an open object. */
  public void writeTo(JsonWriter out) throws IOException {
    out.name("line").value(line);
    if (!hasColumns()) return;
    out.name("column").value(column);
    out.name("end_line").value(endLine);
    out.name("end_column").value(endColumn);
  }

  @Override
  public int compareTo(SourceRange other) {
    return ORDER.compare(this, other);
  }
}
