package org.dpaudit.core.accounting;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Gaussian mechanism with noise multiplier sigma: P = N(1, sigma^2), Q = N(0, sigma^2) (the
 * pair is symmetric, so the reverse order has the same curve).
 *
 * <pre>
 *   With mu = 1 / sigma, the privacy loss under P is N(mu^2 / 2, mu^2) and
 *   delta(eps) = Phi(mu/2 - eps/mu) - e^eps Phi(-mu/2 - eps/mu).
 *
 *   Borja Balle, Yu-Xiang Wang. Improving the Gaussian Mechanism for Differential Privacy:
 *   Analytical Calibration and Optimal Denoising. ICML 2018, Theorem 8.
 * </pre>
 * The second term is computed as {@code exp(eps + log Phi(...))}, so an epsilon of several hundred
 * does not overflow {@code e^eps}.
 */
final class GaussianHockeyStick implements HockeyStick {
  private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
  private final double mu;

  /** {@code sigma} positive and finite. */
  GaussianHockeyStick(double sigma) {
    this.mu = 1 / sigma;
  }

  @Override
  public double delta(double epsilon) {
    double a = mu / 2 - epsilon / mu;
    double b = -mu / 2 - epsilon / mu;
    double first = Math.exp(LogMath.logNormalCdf(a));
    double second = Math.exp(epsilon + LogMath.logNormalCdf(b));
    return Math.max(0, first - second);
  }

  /** {@code 1 - delta(eps) = Phi(eps/mu - mu/2) + e^eps Phi(-mu/2 - eps/mu)}: a sum, no cancellation. */
  @Override
  public double complement(double epsilon) {
    double a = epsilon / mu - mu / 2;
    double b = -mu / 2 - epsilon / mu;
    return Math.min(1, Math.exp(LogMath.logNormalCdf(a)) + Math.exp(epsilon + LogMath.logNormalCdf(b)));
  }

  @Override
  public double lowestLoss(double tail) {
    return mu * mu / 2 - mu * STANDARD.inverseSurvivalProbability(tail);
  }

  @Override
  public double highestLoss(double tail) {
    return mu * mu / 2 + mu * STANDARD.inverseSurvivalProbability(tail);
  }
}
