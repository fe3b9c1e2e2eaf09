package org.hybridize.wala.cast;

import com.ibm.wala.cast.tree.impl.AbstractSourcePosition;
import java.io.Reader;
import java.net.URL;

/**
 * A source range with lines (1-based) and columns (0-based, in code points), unlike WALA's
 * RangePosition which has no columns. Offsets are not tracked (-1).
 */
public final class PySourcePosition extends AbstractSourcePosition {
  private final String file;
  private final int line;
  private final int col;
  private final int endLine;
  private final int endCol;

  public PySourcePosition(String file, int line, int col, int endLine, int endCol) {
    this.file = file;
    this.line = line;
    this.col = col;
    this.endLine = endLine;
    this.endCol = endCol;
  }

  public String file() {
    return file;
  }

  @Override
  public URL getURL() {
    return null;
  }

  @Override
  public Reader getReader() {
    return null;
  }

  @Override
  public int getFirstLine() {
    return line;
  }

  @Override
  public int getLastLine() {
    return endLine;
  }

  @Override
  public int getFirstCol() {
    return col;
  }

  @Override
  public int getLastCol() {
    return endCol;
  }

  @Override
  public int getFirstOffset() {
    return -1;
  }

  @Override
  public int getLastOffset() {
    return -1;
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + col;
  }
}
