package org.dpaudit.core.accounting;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;

/**
 * Log-space arithmetic the accountants share: sums of exponentials without overflow, and the
 * logarithm of normal tail probabilities far beyond where {@code erfc} underflows (it reaches 0 at
 * about x = 27, while the accountants need log Phi(-x) for x in the thousands).
 *
 * <p>The special functions come from Commons Numbers ({@link Erfc}, {@link Erfcx}, scaled so that
 * {@code erfcx(x) = exp(x^2) erfc(x)} never underflows); only the log-space glue is written here.
 */
final class LogMath {
  private static final double LOG_2 = Math.log(2);
  private static final double SQRT_2 = Math.sqrt(2);

  private LogMath() {}

  /** {@code log(exp(a) + exp(b))}, exact when one side is {@code -Infinity}. */
  static double logAdd(double a, double b) {
    double hi = Math.max(a, b);
    double lo = Math.min(a, b);
    if (lo == Double.NEGATIVE_INFINITY) {
      return hi;
    }
    if (hi == Double.POSITIVE_INFINITY) {
      return hi;
    }
    return hi + Math.log1p(Math.exp(lo - hi));
  }

  /** {@code log(sum_i exp(terms[i]))} in two passes (max, then shifted sum), as SciPy's logsumexp. */
  static double logSumExp(double[] terms, int length) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < length; i++) {
      max = Math.max(max, terms[i]);
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (int i = 0; i < length; i++) {
      sum += Math.exp(terms[i] - max);
    }
    return max + Math.log(sum);
  }

  /**
   * {@code log(erfc(x))}, accurate for all x: for x > 1 it is {@code log(erfcx(x)) - x^2}, which
   * stays finite where erfc itself underflows.
   */
  static double logErfc(double x) {
    if (x > 1) {
      return Math.log(Erfcx.value(x)) - x * x;
    }
    return Math.log(Erfc.value(x));
  }

  /** {@code log(Phi(x))}, the log of the standard normal CDF, accurate in both tails. */
  static double logNormalCdf(double x) {
    if (x > 0) {
      // Phi(x) = 1 - Phi(-x); log1p keeps the digits when Phi(-x) is tiny.
      return Math.log1p(-0.5 * Erfc.value(x / SQRT_2));
    }
    return logErfc(-x / SQRT_2) - LOG_2;
  }

  /**
   * {@code log(1 - q + q e^l)} for q in (0, 1]: the privacy loss of a q-subsampled mechanism whose
   * own loss is l (and the amplified pure-DP epsilon when l is the base epsilon), stable for large
   * |l|.
   */
  static double logMix(double q, double l) {
    if (l > 0) {
      return l + Math.log(q + (1 - q) * Math.exp(-l));
    }
    return Math.log1p(q * Math.expm1(l));
  }

  /** {@code Phi(x)}, the standard normal CDF. */
  static double normalCdf(double x) {
    return 0.5 * Erfc.value(-x / SQRT_2);
  }
}
