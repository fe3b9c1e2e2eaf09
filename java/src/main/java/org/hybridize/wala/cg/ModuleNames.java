package org.hybridize.wala.cg;

import com.ibm.wala.ipa.cha.IClassHierarchy;
import org.hybridize.wala.ir.PyLoader;
import org.hybridize.wala.ir.PyTypes;

/** Whether a dotted name is a module (or namespace package) of the analysed project. */
final class ModuleNames {
  private ModuleNames() {}

  static boolean isModule(IClassHierarchy cha, String name) {
    return index(cha).isModuleOrNamespace(name);
  }

  static String canonical(IClassHierarchy cha, String name) {
    return index(cha).canonical(name);
  }

  private static org.hybridize.wala.cast.ProjectIndex index(IClassHierarchy cha) {
    return ((PyLoader) cha.getLoader(PyTypes.LOADER)).index();
  }
}
