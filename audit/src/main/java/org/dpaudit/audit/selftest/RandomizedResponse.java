package org.dpaudit.audit.selftest;

import java.util.random.RandomGenerator;
import org.dpaudit.core.Checks;

/**
 * Randomized response on the membership bit: report it truthfully with probability {@code p},
 * flipped otherwise. Its privacy profile is {@code delta(eps) = max(0, p - e^eps (1 - p))}, so the
 * exact epsilon is {@code ln((p - delta)/(1 - p))}, and {@code ln(p/(1 - p))} at delta = 0 (Warner
 * 1965; Kairouz, Oh, Viswanath 2015). Its trade-off curve is not Gaussian.
 *
 * @param p the probability of a truthful report, in (1/2, 1)
 */
public record RandomizedResponse(double p) implements KnownMechanism {
  public RandomizedResponse {
    Checks.check(p > 0.5 && p < 1, "p must be in (0.5, 1); got " + p);
  }

  @Override
  public String describe() {
    return "randomized response p=" + GaussianMechanism.compact(p);
  }

  @Override
  public double release(boolean member, RandomGenerator rng) {
    boolean truthful = rng.nextDouble() < p;
    return member == truthful ? 1 : 0;
  }

  @Override
  public double epsilon(double delta) {
    Checks.zeroToOneExclusive("delta", delta);
    return delta >= p ? 0 : Math.max(0, Math.log((p - delta) / (1 - p)));
  }

  @Override
  public boolean gaussianTradeoff() {
    return false;
  }
}
