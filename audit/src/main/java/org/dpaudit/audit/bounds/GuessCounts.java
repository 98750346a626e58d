package org.dpaudit.audit.bounds;

import org.dpaudit.core.Checks;

/**
 * A one-run guessing rule: guess "in" for the {@code positive} highest-scoring canaries and "out"
 * for the {@code negative} lowest, abstain on the rest.
 *
 * @param positive k+, the number of "in" guesses
 * @param negative k-, the number of "out" guesses
 */
public record GuessCounts(int positive, int negative) {
  public GuessCounts {
    Checks.nonNegative("positive guesses (k+)", positive);
    Checks.nonNegative("negative guesses (k-)", negative);
  }

  /** r = k+ + k-. */
  public int total() {
    return positive + negative;
  }
}
