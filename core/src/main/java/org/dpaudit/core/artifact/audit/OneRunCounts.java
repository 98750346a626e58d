package org.dpaudit.core.artifact.audit;

import org.dpaudit.core.Checks;

/**
 * The outcome of a one-run canary audit (Steinke, Nasr, Jagielski 2023): {@code canaries} canaries,
 * each included in training independently with probability 1/2; the auditor made {@code guesses}
 * guesses ("in" or "out", abstaining on the rest), {@code correct} of them right.
 *
 * @param canaries m, the number of canaries (at least 1)
 * @param guesses r, the number of guesses, {@code 0 <= r <= m}
 * @param correct v, the number of correct guesses, {@code 0 <= v <= r}
 */
public record OneRunCounts(int canaries, int guesses, int correct) {
  public OneRunCounts {
    Checks.positive("canaries", canaries);
    Checks.check(guesses >= 0 && guesses <= canaries,
        "guesses must be in [0, canaries = " + canaries + "]; got " + guesses);
    Checks.check(correct >= 0 && correct <= guesses,
        "correct must be in [0, guesses = " + guesses + "]; got " + correct);
  }
}
