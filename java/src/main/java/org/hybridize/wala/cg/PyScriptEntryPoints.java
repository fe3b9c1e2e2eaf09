package org.hybridize.wala.cg;

import com.ibm.wala.cast.ipa.callgraph.ScriptEntryPoints;
import com.ibm.wala.cast.loader.DynamicCallSiteReference;
import com.ibm.wala.classLoader.CallSiteReference;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import org.hybridize.wala.ir.PyTypes;

/** Every module body is an entry point (any module may be run or imported). */
public class PyScriptEntryPoints extends ScriptEntryPoints {
  public PyScriptEntryPoints(IClassHierarchy cha) {
    super(cha, cha.lookupClass(PyTypes.SCRIPT));
  }

  @Override
  protected CallSiteReference makeScriptSite(IMethod m, int pc) {
    return new DynamicCallSiteReference(PyTypes.CODE_BODY, pc);
  }
}
