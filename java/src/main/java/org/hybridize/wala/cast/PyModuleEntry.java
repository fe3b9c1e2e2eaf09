package org.hybridize.wala.cast;

import com.google.gson.JsonObject;
import com.ibm.wala.classLoader.Module;
import com.ibm.wala.classLoader.ModuleEntry;
import com.ibm.wala.classLoader.SourceModule;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URL;
import java.util.Iterator;
import java.util.List;

/** One project module as WALA sees it: its relative path, dotted name and serialised AST. */
public final class PyModuleEntry implements SourceModule {
  private final String file;
  private final String moduleName;
  private final boolean isPackage;
  // Dropped once translated: the JSON trees of a large project take a good part of the heap
  // the pointer analysis needs.
  private JsonObject ast;

  public PyModuleEntry(String file, String moduleName, boolean isPackage, JsonObject ast) {
    this.file = file;
    this.moduleName = moduleName;
    this.isPackage = isPackage;
    this.ast = ast;
  }

  public String file() {
    return file;
  }

  public String moduleName() {
    return moduleName;
  }

  public boolean isPackage() {
    return isPackage;
  }

  public JsonObject ast() {
    if (ast == null) throw new IllegalStateException("the AST of " + file + " was released after translation");
    return ast;
  }

  /** Lets the JSON tree go; only translation to CAst reads it. */
  public void releaseAst() {
    ast = null;
  }

  @Override
  public String getName() {
    return file;
  }

  @Override
  public boolean isClassFile() {
    return false;
  }

  @Override
  public boolean isSourceFile() {
    return true;
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(new byte[0]);
  }

  @Override
  public boolean isModuleFile() {
    return false;
  }

  @Override
  public Module asModule() {
    return this;
  }

  @Override
  public String getClassName() {
    return file;
  }

  @Override
  public Module getContainer() {
    return null;
  }

  @Override
  public Iterator<? extends ModuleEntry> getEntries() {
    return List.of(this).iterator();
  }

  @Override
  public Reader getInputReader() {
    return new StringReader("");
  }

  @Override
  public URL getURL() {
    return null;
  }

  @Override
  public String toString() {
    return file;
  }
}
