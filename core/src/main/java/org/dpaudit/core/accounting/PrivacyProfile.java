package org.dpaudit.core.accounting;

import org.dpaudit.core.Checks;

/**
 * A mechanism's privacy profile {@code delta(eps)} on a grid of epsilons, as an accountant proves
 * it: for every grid point the mechanism is {@code (eps_i, delta_i)}-DP, both orders of every
 * neighbouring pair included. Why an auditor wants the whole profile rather than one (eps, delta):
 * a proof for a subsampled Gaussian says far more than its epsilon at one delta (how unlikely large
 * privacy losses are), so testing the whole profile catches implementations that one point of it
 * cannot (see the audit's ledger test).
 *
 * @param epsilons the grid, ascending, starting at 0
 * @param deltas delta at each grid epsilon, non-increasing, in [0, 1]
 */
public record PrivacyProfile(double[] epsilons, double[] deltas) {
  public PrivacyProfile {
    Checks.check(epsilons.length == deltas.length && epsilons.length >= 1,
        "a privacy profile needs as many deltas as epsilons, at least one");
    epsilons = epsilons.clone();
    deltas = deltas.clone();
    for (int i = 0; i < deltas.length; i++) {
      Checks.check(deltas[i] >= 0 && deltas[i] <= 1, "profile delta must be in [0, 1]; got " + deltas[i]);
      Checks.check(i == 0 || epsilons[i] > epsilons[i - 1], "profile epsilons must increase");
    }
  }

  /** This profile with {@code extra} added to every delta (capped at 1): e.g. the noise sampler's tail. */
  public PrivacyProfile plusDelta(double extra) {
    Checks.check(extra >= 0 && extra <= 1, "extra delta must be in [0, 1]; got " + extra);
    double[] d = deltas.clone();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.min(1, d[i] + extra);
    }
    return new PrivacyProfile(epsilons, d);
  }

  /** The number of grid points. */
  public int size() {
    return epsilons.length;
  }

  @Override
  public double[] epsilons() {
    return epsilons.clone();
  }

  @Override
  public double[] deltas() {
    return deltas.clone();
  }

  /** Grid epsilon {@code i}, without copying. */
  public double epsilon(int i) {
    return epsilons[i];
  }

  /** Grid delta {@code i}, without copying. */
  public double delta(int i) {
    return deltas[i];
  }
}
