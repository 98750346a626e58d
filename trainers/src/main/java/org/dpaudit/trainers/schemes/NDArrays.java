package org.dpaudit.trainers.schemes;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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

  /** Each array of {@code arrays} on {@code device} (the same array where it already is). */
  public static NDList onDevice(NDList arrays, Device device) {
    NDList out = new NDList();
    for (NDArray a : arrays) {
      out.add(a.toDevice(device, false));
    }
    return out;
  }

  /** The element-wise sums {@code a_i + b_i} of two lists of the same shapes. */
  public static NDList add(NDList a, NDList b) {
    NDList out = new NDList();
    for (int i = 0; i < a.size(); i++) {
      out.add(a.get(i).add(b.get(i)));
    }
    return out;
  }
}
