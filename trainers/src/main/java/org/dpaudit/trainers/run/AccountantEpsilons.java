package org.dpaudit.trainers.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import org.dpaudit.core.accounting.EpsilonResult;

/**
 * What the accountants prove for a run's ledger: the RDP and the PLD upper bounds (both valid, so
 * the smaller one is the run's accountant epsilon).
 *
 * @param rdp the RDP accountant's result
 * @param pld the PLD accountant's result, or null when the ledger holds an event PLD cannot handle
 * @param epsilon the smaller of the two: the epsilon dpaudit reports as proven
 */
public record AccountantEpsilons(EpsilonResult rdp, EpsilonResult pld, double epsilon) {
  public AccountantEpsilons {
    Objects.requireNonNull(rdp, "rdp");
  }

  /** Both results and their minimum. */
  public static AccountantEpsilons of(EpsilonResult rdp, EpsilonResult pld) {
    double best = pld == null ? rdp.epsilon() : Math.min(rdp.epsilon(), pld.epsilon());
    return new AccountantEpsilons(rdp, pld, best);
  }

  /** Whether the run has any proven privacy. */
  @JsonIgnore
  public boolean isPrivate() {
    return epsilon < Double.POSITIVE_INFINITY;
  }
}
