package org.dpaudit.trainers.run;

import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.artifact.run.AccountantEpsilons;
import org.dpaudit.core.artifact.run.RunIntegrity;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;

/**
 * Test fixtures: a ledger together with the accountant epsilons it proves, for run.json files written
 * by tests. Since {@link RunIntegrity} recomputes a run's epsilon from its ledger, a fixture can no
 * longer record an epsilon of its choice beside an empty ledger; it records one that its ledger
 * proves, found here.
 */
public final class ProvenLedgers {
  private ProvenLedgers() {}

  /** A ledger and what {@link RunAccounting#account} proves for it. */
  public record Proven(PrivacyLedger ledger, AccountantEpsilons epsilons) {}

  /** What {@code ledger} proves at {@code delta}. */
  public static Proven of(PrivacyLedger ledger, double delta) {
    return new Proven(ledger, new RunAccounting().account(ledger, delta));
  }

  /**
   * One un-subsampled Gaussian release whose proven epsilon (the smaller of RDP and PLD) is {@code
   * epsilon} to within 1e-9 relative, by bisection on sigma (the proven epsilon falls continuously as
   * sigma grows); {@code epsilon} infinite gives one non-private step.
   */
  public static Proven proving(double epsilon, double delta) {
    if (epsilon == Double.POSITIVE_INFINITY) {
      return of(PrivacyLedger.empty().append(new DpEvent.NonPrivate()), delta);
    }
    double lo = 1e-3;
    double hi = 1e3;
    Proven best = null;
    for (int i = 0; i < 200; i++) {
      double sigma = Math.sqrt(lo * hi);
      Proven p = of(PrivacyLedger.empty().append(new DpEvent.Gaussian(sigma)), delta);
      double e = p.epsilons().epsilon();
      best = p;
      if (Math.abs(e - epsilon) <= 1e-9 * epsilon) {
        return p;
      }
      if (e > epsilon) {
        lo = sigma;
      } else {
        hi = sigma;
      }
    }
    throw new IllegalStateException("no Gaussian ledger proves epsilon " + epsilon + " (closest "
        + best.epsilons().epsilon() + ")");
  }
}
