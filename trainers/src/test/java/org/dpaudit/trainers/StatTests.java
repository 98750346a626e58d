package org.dpaudit.trainers;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The statistical checks the noise tests share. Each test that uses them states its false-rejection
 * rate: for a correct sampler a check fails with at most that probability, and the seeded streams
 * make each test deterministic.
 */
public final class StatTests {
  /** The false-rejection rate of {@link #ksCritical}. */
  public static final double KS_ALPHA = 1e-6;

  private StatTests() {}

  /**
   * The Kolmogorov-Smirnov critical value at {@link #KS_ALPHA} for n samples, from the DKW
   * inequality {@code P(D > t) <= 2 exp(-2 n t^2)}: {@code sqrt(ln(2 / alpha) / (2 n))}.
   */
  public static double ksCritical(int n) {
    return Math.sqrt(Math.log(2 / KS_ALPHA) / (2.0 * n));
  }

  /** The Kolmogorov-Smirnov statistic of {@code x} against {@code cdf}. */
  public static double ks(double[] x, DoubleUnaryOperator cdf) {
    double[] s = x.clone();
    Arrays.sort(s);
    double d = 0;
    for (int i = 0; i < s.length; i++) {
      double f = cdf.applyAsDouble(s[i]);
      d = Math.max(d, Math.max(f - (double) i / s.length, (double) (i + 1) / s.length - f));
    }
    return d;
  }

  /** The standard Laplace CDF. */
  public static double laplaceCdf(double x) {
    return x < 0 ? 0.5 * Math.exp(x) : 1 - 0.5 * Math.exp(-x);
  }
}
