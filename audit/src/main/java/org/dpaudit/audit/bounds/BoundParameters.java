package org.dpaudit.audit.bounds;

import org.dpaudit.core.Checks;

/**
 * The two numbers every bound is asked for: its confidence and the delta at which epsilon is
 * bounded.
 *
 * @param confidence the probability, over the randomness of the outcomes, that the reported lower
 *     bound does not exceed the true epsilon; in (0, 1), typically 0.95
 * @param delta the delta of the (epsilon, delta) claim being tested, in [0, 1); 0 means pure DP
 */
public record BoundParameters(double confidence, double delta) {
  /** The default confidence: 95%. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  public BoundParameters {
    Checks.openUnit("confidence", confidence);
    Checks.zeroToOneExclusive("delta", delta);
  }

  /** The error budget {@code 1 - confidence}. */
  public double errorRate() {
    return 1 - confidence;
  }
}
