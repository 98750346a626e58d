package org.dpaudit.core.random;

import java.util.ServiceLoader;

/**
 * The {@link GaussianKernel} Gaussian fills use: the first available one on the class path
 * ({@code META-INF/services/org.dpaudit.core.random.GaussianKernel}), else the Java definition.
 * Which one runs never changes a value, only the time.
 */
public final class GaussianKernels {
  private static final GaussianKernel ACTIVE = find();

  private GaussianKernels() {}

  /** The kernel in use. */
  public static GaussianKernel active() {
    return ACTIVE;
  }

  /** The Java definition, whatever else is available (for tests and benchmarks). */
  public static GaussianKernel java() {
    return JavaGaussianKernel.INSTANCE;
  }

  /** The ziggurat's layer edges X[0..128] (a copy), which a kernel must use as they are. */
  public static double[] zigguratEdges() {
    return Ziggurat.X.clone();
  }

  /** The ziggurat's ratios X[i+1]/X[i], i < 128 (a copy): below it a draw is in its layer's rectangle. */
  public static double[] zigguratRatios() {
    return Ziggurat.RATIO.clone();
  }

  /** The unnormalised density at the layer edges, F[i] = exp(-X[i]^2 / 2), i <= 128 (a copy; F[0] unused). */
  public static double[] zigguratDensities() {
    return Ziggurat.F.clone();
  }

  private static GaussianKernel find() {
    try {
      for (GaussianKernel k : ServiceLoader.load(GaussianKernel.class, GaussianKernels.class.getClassLoader())) {
        if (k.available()) {
          return k;
        }
      }
    } catch (java.util.ServiceConfigurationError | LinkageError e) {
      // A broken provider (its library missing, say) leaves the Java definition, which is always right.
    }
    return JavaGaussianKernel.INSTANCE;
  }
}
