package org.dpaudit.core.accounting;

/**
 * The hockey-stick divergence curve of one ordered pair of output distributions (P, Q), and where
 * the privacy loss {@code L = log(dP/dQ)} under P lives.
 *
 * <pre>
 *   delta(eps) = sup_S P(S) - e^eps Q(S) = E_{o ~ P}[ (1 - e^(eps - L(o)))_+ ] + P(L = +infinity)
 * </pre>
 * A mechanism is (eps, delta)-DP for a pair of neighbours exactly when delta(eps) is at most delta
 * in both orders of the pair. The PLD accountant discretises this curve ({@link DiscretePld}).
 */
interface HockeyStick {
  /** delta(eps) for any real eps (negative eps included: the curve is used on a whole grid). */
  double delta(double epsilon);

  /**
   * {@code 1 - delta(eps)}, computed without cancellation where delta is close to 1 (very negative
   * eps), so that grid masses in the far left tail are not rounding noise.
   */
  default double complement(double epsilon) {
    return 1 - delta(epsilon);
  }

  /** A loss value with {@code P(L < value) <= tail}. */
  double lowestLoss(double tail);

  /** A loss value with {@code P(L > value) <= tail}. */
  double highestLoss(double tail);
}
