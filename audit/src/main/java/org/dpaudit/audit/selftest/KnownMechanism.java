package org.dpaudit.audit.selftest;

import java.util.random.RandomGenerator;

/**
 * A mechanism on one secret bit (member or not) whose privacy curve is known exactly, so an
 * auditor's lower bound can be compared with the truth.
 */
public interface KnownMechanism {
  /** A short description for reports, e.g. {@code gaussian sigma=2}. */
  String describe();

  /** One release of the mechanism on a member ({@code true}) or a non-member. */
  double release(boolean member, RandomGenerator rng);

  /** The exact smallest epsilon at which the mechanism is (epsilon, delta)-DP. */
  double epsilon(double delta);

  /** Whether its trade-off curve is Gaussian, so the Gaussian-DP bound's assumption holds. */
  boolean gaussianTradeoff();
}
