package org.dpaudit.audit.bounds;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.Checks;

/**
 * The privacy curve of mu-Gaussian differential privacy, which is also the exact curve of the
 * Gaussian mechanism with L2 sensitivity 1 and noise sigma ({@code mu = 1/sigma}).
 *
 * <pre>
 * Dong, J., Roth, A. and Su, W. J. (2019). Gaussian differential privacy. arXiv:1905.02383,
 *   Corollary 2.13: a mechanism is mu-GDP iff it is (eps, delta(eps))-DP for all eps >= 0 with
 *   delta(eps) = Phi(-eps/mu + mu/2) - e^eps Phi(-eps/mu - mu/2).
 * Balle, B. and Wang, Y.-X. (2018). Improving the Gaussian mechanism for differential privacy:
 *   analytical calibration and optimal denoising. ICML; Theorem 8 (the same curve, mu = 1/sigma).
 * </pre>
 *
 * <h2>Implementation notes</h2>
 * With {@code a = -eps/mu + mu/2} and {@code b = a - mu} one has {@code e^eps phi(b) = phi(a)}, so
 * {@code e^eps Phi(b) = erfcx(-b/sqrt 2) exp(-a^2/2) / 2} with the scaled complementary error
 * function {@code erfcx(x) = exp(x^2) erfc(x)}. Written that way, {@code delta(eps)} neither
 * overflows ({@code e^eps}) nor underflows ({@code Phi(b)}) for large epsilon, and keeps its relative
 * accuracy where it is tiny; a naive evaluation overstates delta there and so overstates the
 * epsilon solved from it.
 */
public final class GaussianTradeoff {
  private static final double SQRT2 = Math.sqrt(2);
  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private GaussianTradeoff() {}

  /** {@code delta(eps)} of a mu-GDP mechanism; decreasing in eps from {@code 2 Phi(mu/2) - 1}. */
  public static double delta(double mu, double epsilon) {
    Checks.positive("mu", mu);
    Checks.nonNegative("epsilon", epsilon);
    double a = -epsilon / mu + mu / 2;
    double b = a - mu;
    double scaled = Math.exp(-a * a / 2) / 2;
    double second = Erfcx.value(-b / SQRT2) * scaled;
    double first = a < 0 ? Erfcx.value(-a / SQRT2) * scaled : Erfc.value(-a / SQRT2) / 2;
    return Math.max(0, first - second);
  }

  /**
   * The smallest epsilon at which a mu-GDP mechanism is (epsilon, delta)-DP, to within 1e-12
   * (rounded down). Zero when {@code delta >= 2 Phi(mu/2) - 1}; zero for {@code mu = 0}.
   */
  public static double epsilon(double mu, double delta) {
    Checks.nonNegative("mu", mu);
    Checks.openUnit("delta", delta);
    if (mu == 0 || delta(mu, 0) <= delta) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    while (delta(mu, hi) > delta) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1e-12 * Math.max(1, hi)) {
      double mid = (lo + hi) / 2;
      if (delta(mu, mid) > delta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The mu at which a mu-GDP mechanism is exactly (epsilon, delta)-DP: the root of {@code
   * delta(mu, epsilon) = delta}, which grows with mu. Equivalently {@code 1/sigma} for the Gaussian
   * mechanism calibrated to (epsilon, delta) (dp_accounting's {@code get_sigma_gaussian}). Rounded
   * up to within 1e-12; infinite when no finite mu reaches delta in double precision.
   */
  public static double mu(double epsilon, double delta) {
    Checks.nonNegative("epsilon", epsilon);
    Checks.openUnit("delta", delta);
    double lo = 0;
    double hi = 1;
    while (delta(hi, epsilon) < delta) {
      lo = hi;
      hi *= 2;
      if (hi > 1e6) {
        return Double.POSITIVE_INFINITY;
      }
    }
    while (hi - lo > 1e-12 * Math.max(1, hi)) {
      double mid = (lo + hi) / 2;
      if (mid > 0 && delta(mid, epsilon) < delta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /**
   * The exact epsilon of the Gaussian mechanism with L2 sensitivity 1 and noise standard deviation
   * {@code sigma}, at delta (Balle and Wang 2018): {@code epsilon(1/sigma, delta)}.
   */
  public static double gaussianMechanismEpsilon(double sigma, double delta) {
    Checks.positive("sigma", sigma);
    return epsilon(1 / sigma, delta);
  }

  /**
   * The lower bound on mu implied by upper bounds on a test's error rates (Dong, Roth, Su 2019,
   * Eq. 6): a mu-GDP mechanism has {@code FNR >= Phi(Phi^-1(1 - FPR) - mu)} for every test, so
   * {@code mu >= Phi^-1(1 - FPR_hi) - Phi^-1(FNR_hi)}, clamped at 0. The GDP trade-off curve is
   * symmetric, so the swapped orientation gives the same value.
   */
  public static double muLowerBound(double fprUpper, double fnrUpper) {
    Checks.samplingRate("fprUpper", fprUpper);
    Checks.samplingRate("fnrUpper", fnrUpper);
    double mu = STANDARD_NORMAL.inverseSurvivalProbability(fprUpper)
        + STANDARD_NORMAL.inverseSurvivalProbability(fnrUpper);
    return mu > 0 ? mu : 0;
  }
}
