package org.dpaudit.core.accounting;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * An independent oracle for the Gaussian mechanism's exact (epsilon, delta) curve, written apart
 * from the production code (which uses erfcx): Commons Statistics' normal CDF where it does not
 * underflow, and the Laplace continued fraction of Mills' ratio in the far tail.
 *
 * <pre>
 *   delta(eps) = Phi(mu/2 - eps/mu) - e^eps Phi(-mu/2 - eps/mu),  mu = sqrt(T) / sigma
 *   Balle and Wang, ICML 2018, Theorem 8 (the analytic Gaussian mechanism).
 *   Phi(-x) = phi(x) R(x),  R(x) = 1/(x + 1/(x + 2/(x + 3/(x + ...))))   (x > 0)
 * </pre>
 */
final class ExactGaussian {
  private static final NormalDistribution N01 = NormalDistribution.of(0, 1);

  private ExactGaussian() {}

  /** log Phi(x). */
  static double logCdf(double x) {
    if (x > -20) {
      return Math.log(N01.cumulativeProbability(x));
    }
    double t = -x;
    double fraction = t; // evaluate the continued fraction from the bottom
    for (int k = 200; k >= 1; k--) {
      fraction = t + k / fraction;
    }
    return -t * t / 2 - 0.5 * Math.log(2 * Math.PI) - Math.log(fraction);
  }

  /** The exact delta at {@code eps} of a Gaussian mechanism with GDP parameter mu. */
  static double delta(double mu, double eps) {
    double first = Math.exp(logCdf(mu / 2 - eps / mu));
    double second = Math.exp(eps + logCdf(-mu / 2 - eps / mu));
    return first - second;
  }

  /** The exact epsilon at {@code delta}, to 1e-12 relative, by bisection. */
  static double epsilon(double mu, double delta) {
    double lo = 0;
    double hi = 1;
    while (delta(mu, hi) > delta) {
      lo = hi;
      hi *= 2;
    }
    if (delta(mu, 0) <= delta) {
      return 0;
    }
    while (hi - lo > 1e-12 * hi) {
      double mid = (lo + hi) / 2;
      if (delta(mu, mid) > delta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }
}
