package org.dpaudit.core.accounting;

/**
 * The Laplace mechanism with pure-DP epsilon {@code eps0 = sensitivity / scale}: P = Lap(s, b), Q =
 * Lap(0, b) (symmetric, so the reverse order has the same curve).
 *
 * <pre>
 *   The privacy loss lies in [-eps0, eps0], with atoms at both ends, and
 *   delta(eps) = 1 - e^eps                  for eps <= -eps0,
 *              = 1 - exp((eps - eps0) / 2)  for -eps0 < eps < eps0,
 *              = 0                          for eps >= eps0.
 *
 *   Derived by integrating (p(x) - e^eps q(x))_+ over x < (s - eps b) / 2; the same curve as
 *   dp_accounting's LaplacePrivacyLoss.get_delta_for_epsilon.
 * </pre>
 */
final class LaplaceHockeyStick implements HockeyStick {
  private final double eps0;

  /** {@code eps0} positive and finite. */
  LaplaceHockeyStick(double eps0) {
    this.eps0 = eps0;
  }

  @Override
  public double delta(double epsilon) {
    if (epsilon >= eps0) {
      return 0;
    }
    if (epsilon <= -eps0) {
      return -Math.expm1(epsilon);
    }
    return -Math.expm1((epsilon - eps0) / 2);
  }

  @Override
  public double complement(double epsilon) {
    if (epsilon >= eps0) {
      return 1;
    }
    return epsilon <= -eps0 ? Math.exp(epsilon) : Math.exp((epsilon - eps0) / 2);
  }

  @Override
  public double lowestLoss(double tail) {
    return -eps0;
  }

  @Override
  public double highestLoss(double tail) {
    return eps0;
  }
}
