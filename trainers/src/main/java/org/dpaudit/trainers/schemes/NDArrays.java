package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Small array helpers the schemes share. */
public final class NDArrays {
  private NDArrays() {}

  /** The flat concatenation of {@code parts} (each flat). */
  public static NDArray concat(List<NDArray> parts) {
    NDArray out = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      out = out.concat(parts.get(i));
    }
    return out;
  }
}
