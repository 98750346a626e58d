package org.dpaudit.core.accounting;

import org.apache.commons.numbers.combinatorics.LogBinomialCoefficient;

/**
 * The Renyi DP of one step of the Poisson-subsampled Gaussian mechanism (sampling rate q, noise
 * multiplier sigma, L2 sensitivity 1, add/remove-one neighbours), at any order alpha > 1.
 *
 * <p>The RDP at order alpha is {@code log(A_alpha) / (alpha - 1)} with
 * <pre>
 *   A_alpha = E_{z ~ mu0} [ ((1 - q) + q mu1(z) / mu0(z))^alpha ],   mu0 = N(0, sigma^2), mu1 = N(1, sigma^2).
 *
 *   Integer alpha (Mironov, Talwar, Zhang 2019, Sec. 3.2; Abadi et al. 2016):
 *     A_alpha = sum_{i=0}^{alpha} C(alpha, i) q^i (1 - q)^(alpha - i) exp((i^2 - i) / (2 sigma^2))
 *
 *   Fractional alpha (Mironov, Talwar, Zhang 2019, Sec. 3.3): split the integral at
 *     z0 = sigma^2 log(1/q - 1) + 1/2, where q mu1 = (1 - q) mu0, and expand each side as a binomial
 *     series, which converges there:
 *     A_alpha = sum_{i>=0} |C(alpha, i)| q^i (1 - q)^(alpha - i) exp((i^2 - i)/(2 sigma^2)) erfc((i - z0)/(sqrt(2) sigma)) / 2
 *             + sum_{i>=0} |C(alpha, i)| q^(alpha - i) (1 - q)^i exp((j^2 - j)/(2 sigma^2)) erfc((z0 - j)/(sqrt(2) sigma)) / 2,
 *     j = alpha - i.
 *
 *   Ilya Mironov, Kunal Talwar, Li Zhang. Renyi Differential Privacy of the Sampled Gaussian
 *   Mechanism. arXiv:1908.10530, 2019.
 * </pre>
 * Every term is summed in log space, so large orders (alpha = 4096), small sigma and tiny q (down
 * to the smallest double) neither overflow nor underflow. For fractional orders the absolute values
 * of the binomial coefficients are summed (as dp_accounting does), which can only increase A_alpha:
 * the result stays an upper bound. This is the algorithm of dp_accounting's {@code
 * _compute_log_a_int} and {@code _compute_log_a_frac}, written from the paper.
 */
final class SubsampledGaussianRdp {
  /** The fractional series stops after this many terms (dp_accounting's limit); the order is then dropped. */
  static final int MAX_FRACTIONAL_TERMS = 1000;
  /** A term this far (in nats) below the running total no longer changes it in double precision. */
  private static final double NEGLIGIBLE_LOG_RATIO = 30;
  private static final double LOG_HALF = Math.log(0.5);
  private static final double SQRT_2 = Math.sqrt(2);

  private SubsampledGaussianRdp() {}

  /**
   * RDP of one step at {@code order}. Requires {@code 0 < q <= 1}, {@code sigma >= 0} and {@code
   * order > 1}; sigma = 0 gives infinity (no noise, no privacy).
   */
  static double rdp(double q, double sigma, double order) {
    if (sigma == 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (q == 1) {
      // Unsubsampled Gaussian: D_alpha(N(1, s^2) || N(0, s^2)) = alpha / (2 s^2) (Mironov 2017, Prop. 7).
      return order / (2 * sigma * sigma);
    }
    double logA = order == Math.rint(order) && order < Integer.MAX_VALUE
        ? logAInteger(q, sigma, (int) order)
        : logAFractional(q, sigma, order);
    return Math.max(0, logA / (order - 1));
  }

  /**
   * {@code log(A_alpha)} for an integer order {@code alpha >= 2}: a finite binomial sum. Because the
   * binomial weights sum to 1, {@code A_alpha = 1 + B} with
   * <pre>
   *   B = sum_{i=2}^{alpha} C(alpha, i) q^i (1 - q)^(alpha - i) expm1((i^2 - i) / (2 sigma^2)),
   * </pre>
   * a sum of positive terms; {@code log(A) = log1p(B)} keeps a tiny RDP (1e-20, say, for a minute q)
   * instead of rounding {@code log(1 + 1e-20)} to zero.
   */
  static double logAInteger(double q, double sigma, int alpha) {
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    double twoVar = 2 * sigma * sigma;
    double[] terms = new double[alpha - 1];
    for (int i = 2; i <= alpha; i++) {
      double di = i;
      terms[i - 2] = LogBinomialCoefficient.value(alpha, i) + di * logQ + (alpha - di) * log1mQ
          + logExpm1((di * di - di) / twoVar);
    }
    double logB = LogMath.logSumExp(terms, terms.length);
    return logB > 0 ? logB + Math.log1p(Math.exp(-logB)) : Math.log1p(Math.exp(logB));
  }

  /** {@code log(e^x - 1)} for x > 0. */
  private static double logExpm1(double x) {
    return x > 1 ? x + Math.log1p(-Math.exp(-x)) : Math.log(Math.expm1(x));
  }

  /**
   * {@code log(A_alpha)} for a fractional order: two binomial series, summed until both sides'
   * terms decrease and fall 30 nats below the total. Returns infinity (the order is then useless but
   * harmless) if the series has not converged after {@link #MAX_FRACTIONAL_TERMS} terms.
   */
  static double logAFractional(double q, double sigma, double alpha) {
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    double twoVar = 2 * sigma * sigma;
    double z0 = sigma * sigma * (log1mQ - logQ) + 0.5;
    double logA0 = Double.NEGATIVE_INFINITY;
    double logA1 = Double.NEGATIVE_INFINITY;
    double lastS0 = Double.NEGATIVE_INFINITY;
    double lastS1 = Double.NEGATIVE_INFINITY;
    double logAbsCoef = 0; // log |C(alpha, 0)|
    for (int i = 0; i < MAX_FRACTIONAL_TERMS; i++) {
      if (i > 0) {
        // |C(alpha, i)| = |C(alpha, i - 1)| * |alpha - i + 1| / i. No library gives log|C(alpha, i)| for
        // real alpha once i > alpha + 1 (Gamma's argument turns negative); this recurrence is exact up to rounding.
        logAbsCoef += Math.log(Math.abs(alpha - i + 1)) - Math.log(i);
      }
      double j = alpha - i;
      double logS0 = logAbsCoef + i * logQ + j * log1mQ + ((double) i * i - i) / twoVar
          + LOG_HALF + LogMath.logErfc((i - z0) / (SQRT_2 * sigma));
      double logS1 = logAbsCoef + j * logQ + i * log1mQ + (j * j - j) / twoVar
          + LOG_HALF + LogMath.logErfc((z0 - j) / (SQRT_2 * sigma));
      logA0 = LogMath.logAdd(logA0, logS0);
      logA1 = LogMath.logAdd(logA1, logS1);
      double total = LogMath.logAdd(logA0, logA1);
      if (logS0 < lastS0 && logS1 < lastS1 && Math.max(logS0, logS1) < total - NEGLIGIBLE_LOG_RATIO) {
        return total;
      }
      lastS0 = logS0;
      lastS1 = logS1;
    }
    return Double.POSITIVE_INFINITY;
  }
}
