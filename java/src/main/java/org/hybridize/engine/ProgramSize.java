package org.hybridize.engine;

import com.ibm.wala.cast.loader.AstMethod;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.ipa.cha.IClassHierarchy;

/** The size of the translated program, the measure the 1-CFA step budget scales with. */
final class ProgramSize {
  private ProgramSize() {}

  /** IR instructions of every method the project's modules translate to. */
  static long instructions(IClassHierarchy cha) {
    long instructions = 0;
    for (IClass c : cha) {
      for (IMethod m : c.getDeclaredMethods()) {
        if (m instanceof AstMethod ast) instructions += ast.cfg().getInstructions().length;
      }
    }
    return instructions;
  }
}
