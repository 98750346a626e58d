package org.dpaudit.trainers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/** Random inputs and approximate-equality checks for tensor tests. */
public final class TensorFixtures {
  private TensorFixtures() {}

  /** Uniform [-1, 1) floats of the given shape. */
  public static NDArray uniform(NDManager m, RandomGenerator rng, long... shape) {
    Shape s = new Shape(shape);
    float[] v = new float[Math.toIntExact(s.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return m.create(v, s);
  }

  /** Integer labels in [0, classes). */
  public static NDArray labels(NDManager m, RandomGenerator rng, int n, int classes) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextInt(classes);
    }
    return m.create(v);
  }

  /** Max |a - b| / max(max|b|, 1e-6), as a double. */
  public static double relativeError(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double maxDiff = 0;
    double maxRef = 1e-6;
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      maxRef = Math.max(maxRef, Math.abs(b[i]));
    }
    return maxDiff / maxRef;
  }
}
