package org.dpaudit.core.artifact.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.stream.Stream;
import org.dpaudit.core.Checks;
import org.dpaudit.core.accounting.EpsilonResult;

/**
 * What the accountants prove for a run's ledger: each accountant that could account for it gives a
 * valid upper bound, so the smallest is the run's accountant epsilon.
 *
 * @param rdp the RDP accountant's result, or null when the ledger holds an event it cannot handle
 *     (e.g. Poisson-sampled Laplace steps)
 * @param pld the PLD accountant's result, or null when it cannot handle an event (or the privacy
 *     loss is too large for its grid)
 * @param pureDp pure-DP composition (basic or advanced, Laplace schemes only), or null
 * @param epsilon the smallest of them: the epsilon dpaudit reports as proven
 */
public record AccountantEpsilons(EpsilonResult rdp, EpsilonResult pld, EpsilonResult pureDp, double epsilon) {
  public AccountantEpsilons {
    Checks.check(rdp != null || pld != null || pureDp != null, "at least one accountant's result is needed");
    Checks.nonNegativeOrInfinite("accountant epsilon", epsilon);
  }

  /** RDP and PLD results and the given epsilon (the layout before pure-DP composition was added). */
  public AccountantEpsilons(EpsilonResult rdp, EpsilonResult pld, double epsilon) {
    this(rdp, pld, null, epsilon);
  }

  /** RDP and PLD results (either may be null) and their minimum. */
  public static AccountantEpsilons of(EpsilonResult rdp, EpsilonResult pld) {
    return of(rdp, pld, null);
  }

  /** The results (any may be null, not all) and their minimum. */
  public static AccountantEpsilons of(EpsilonResult rdp, EpsilonResult pld, EpsilonResult pureDp) {
    double best = Stream.of(rdp, pld, pureDp).filter(r -> r != null).mapToDouble(EpsilonResult::epsilon).min()
        .orElseThrow();
    return new AccountantEpsilons(rdp, pld, pureDp, best);
  }

  /** Whether the run has any proven privacy. */
  @JsonIgnore
  public boolean isPrivate() {
    return epsilon < Double.POSITIVE_INFINITY;
  }
}
