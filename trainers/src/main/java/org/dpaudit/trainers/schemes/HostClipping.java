package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.dpaudit.trainers.grad.PerSampleGradients;

/**
 * The clipping coefficients' arithmetic on the host: a few float32 operations on B values, which
 * the engine would run as one operation each, at tens of microseconds apiece inside a step for
 * microseconds of work.
 *
 * <p>Every value is one correctly rounded IEEE float32 operation after another, as Java defines
 * them (a sum, a division, a minimum that passes NaN on, a division): the same bits on every
 * machine. The engine's own path ({@link PerExampleScheme#clipCoefficients(NDArray, double,
 * double)}) rounds its power within an ulp instead, so which path a run takes is part of its
 * arithmetic ({@link org.dpaudit.trainers.engine.NativeKernels#version}, recorded in the run's
 * fingerprint): the host path is taken exactly where the native kernels serve the arrays.
 */
public final class HostClipping {
  private HostClipping() {}

  /** Whether {@code norms} (float32) are computed on the host: a CPU array where the native kernels run. */
  public static boolean serves(NDArray norms) {
    return norms.getDataType() == DataType.FLOAT32 && PerSampleGradients.hostArithmetic(norms.getDevice());
  }

  /**
   * {@code min(1, bound / (norm_i + 1e-6)) / divisor} in float32: bound, 1e-6 and divisor rounded
   * to float32 first (as the engine rounds a scalar operand), then per value a sum, a division, a
   * minimum with 1 and a division. As on the engine's path, a NaN norm gives a NaN coefficient
   * (never a number that would hide it), an infinite norm 0, and a bound of 0 clips everything to 0.
   */
  public static float[] coefficients(float[] norms, double bound, double divisor) {
    if (!(divisor > 0) || !(bound >= 0)) {
      throw new IllegalArgumentException("clip bound " + bound + " must be at least 0 and divisor " + divisor
          + " positive");
    }
    float b = (float) bound;
    float eps = (float) PerExampleScheme.NORM_EPSILON;
    float d = (float) divisor;
    float[] c = new float[norms.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = Math.min(1f, b / (norms[i] + eps)) / d;
    }
    return c;
  }
}
