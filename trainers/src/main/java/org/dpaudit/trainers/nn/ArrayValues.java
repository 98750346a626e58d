package org.dpaudit.trainers.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writes values into an existing array in place (parameters at initialisation and on resume,
 * optimizer state, fusion snapshots).
 *
 * <p>Why not {@code NDArray.set(float[])}: DJL's PyTorch engine implements it with the deprecated
 * {@code at::AutoNonVariableTypeMode} guard ({@code torchSet} is the only JNI function of
 * libdjl_torch 2.7.1 that constructs one), and libtorch then prints a multi-line deprecation warning
 * straight to the process's standard error, where dpaudit promises one line per failure and nothing
 * else. An indexed copy over the whole array ({@code x[:] = values}) writes the same bits without
 * it. The copy runs with autograd off ({@code Engines.withoutGrad}), as {@code torchSet} did: it
 * is not part of any graph.
 */
public final class ArrayValues {
  private static final NDIndex ALL = new NDIndex(":");

  private ArrayValues() {}

  /**
   * Copies {@code source}'s values into {@code target} of the same shape (not {@code
   * NDArray.copyTo}, which goes through {@code torchSet}; see above), converting the device if needed.
   */
  public static void copyInto(NDArray target, NDArray source) {
    if (!source.getShape().equals(target.getShape())) {
      throw new IllegalArgumentException("cannot copy an array of shape " + source.getShape() + " into one of shape "
          + target.getShape());
    }
    if (source.getDevice().equals(target.getDevice())) {
      org.dpaudit.trainers.engine.Engines.withoutGrad(() -> target.set(ALL, source));
      return;
    }
    try (NDArray moved = source.toDevice(target.getDevice(), true)) {
      org.dpaudit.trainers.engine.Engines.withoutGrad(() -> target.set(ALL, moved));
    }
  }

  /** Copies {@code values} (row-major, {@code target.size()} of them) into {@code target}. */
  public static void copyInto(NDArray target, float[] values) {
    if (values.length != target.size()) {
      throw new IllegalArgumentException("cannot copy " + values.length + " values into an array of shape "
          + target.getShape());
    }
    try (NDArray source = target.getManager().create(values, target.getShape())) {
      org.dpaudit.trainers.engine.Engines.withoutGrad(() -> target.set(ALL, source));
    }
  }
}
