package org.dpaudit.core.privacy;

import org.dpaudit.core.Checks;

/**
 * One (epsilon, delta) pair.
 *
 * <p>Epsilon is in nats (natural logarithm) and may be infinite (no privacy); delta is a
 * probability in [0, 1). Both are validated NaN-safely.
 */
public record PrivacyBudget(double epsilon, double delta) {
  public PrivacyBudget {
    Checks.nonNegativeOrInfinite("epsilon", epsilon);
    Checks.zeroToOneExclusive("delta", delta);
  }

  /** No privacy at all: epsilon = infinity. */
  public static PrivacyBudget nonPrivate(double delta) {
    return new PrivacyBudget(Double.POSITIVE_INFINITY, delta);
  }

  /** Whether this budget gives any privacy (finite epsilon). */
  public boolean isPrivate() {
    return epsilon < Double.POSITIVE_INFINITY;
  }
}
