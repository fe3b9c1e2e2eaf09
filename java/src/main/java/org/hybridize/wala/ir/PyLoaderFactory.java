package org.hybridize.wala.ir;

import com.ibm.wala.cast.loader.SingleClassLoaderFactory;
import com.ibm.wala.classLoader.IClassLoader;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import com.ibm.wala.types.ClassLoaderReference;
import org.hybridize.wala.cast.ProjectIndex;

/** Makes the one Python loader of an analysis. */
public class PyLoaderFactory extends SingleClassLoaderFactory {
  private final ProjectIndex index;

  public PyLoaderFactory(ProjectIndex index) {
    this.index = index;
  }

  @Override
  public ClassLoaderReference getTheReference() {
    return PyTypes.LOADER;
  }

  @Override
  protected IClassLoader makeTheLoader(IClassHierarchy cha) {
    return new PyLoader(cha, index);
  }

  public PyLoader loader() {
    return (PyLoader) getTheLoader();
  }
}
