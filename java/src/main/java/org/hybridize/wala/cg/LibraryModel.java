package org.hybridize.wala.cg;

import java.util.HashMap;
import java.util.Map;

/**
 * What calls into library code return. By default a call to {@code tensorflow.constant} returns
 * an object typed {@code tensorflow.constant} allocated at the call site; a data file (API models,
 * added later) refines this, e.g. {@code tensorflow.constant -> tensorflow.Tensor}.
 */
public class LibraryModel {
  private final Map<String, String> returnTypes = new HashMap<>();

  /** Declares that calling {@code api} returns an object of library type {@code type}. */
  public void setReturnType(String api, String type) {
    returnTypes.put(api, type);
  }

  /** The dotted type name of what calling {@code api} returns. */
  public String resultType(String api) {
    return returnTypes.getOrDefault(api, api);
  }
}
