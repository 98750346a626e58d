package org.dpaudit.core.artifact.audit;

import java.util.LinkedHashSet;
import java.util.List;
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

  /** The fractions of m guessed on each side by {@link #grid}. */
  private static final double[] SYMMETRIC = {0.05, 0.1, 0.25, 0.5};
  /** The fractions of m guessed "in" only (no "out" guesses) by {@link #grid}. */
  private static final double[] IN_ONLY = {0.05, 0.1, 0.25};

  /**
   * The guess rules dpaudit tries on m canaries, fixed before any score is seen: {@code (k, k)} for
   * k = 5%, 10%, 25% and 50% of m (the last guesses every canary), and {@code (k, 0)} for k = 5%,
   * 10% and 25% of m (rounded up, duplicates dropped, at most 7 rules).
   *
   * <p>Why these: a few confident guesses give the best bound when only the most extreme canaries
   * are separated (DP training), many guesses when most are (non-private training), and "in"-only
   * rules help when a model memorises included canaries while excluded and included ones look
   * alike at the bottom (mislabeled canaries under DP-SGD). Steinke et al. (2023) search over k+ and
   * k-, and jax_privacy's one-run audit uses k- = 0; a coarse grid keeps the Bonferroni price
   * ({@code beta / 7} per rule) small.
   */
  public static List<GuessCounts> grid(int m) {
    Checks.positive("canaries", m);
    LinkedHashSet<GuessCounts> rules = new LinkedHashSet<>();
    for (double f : SYMMETRIC) {
      int k = Math.min(m / 2, (int) Math.ceil(f * m));
      if (k >= 1) {
        rules.add(new GuessCounts(k, k));
      }
    }
    for (double f : IN_ONLY) {
      rules.add(new GuessCounts(Math.max(1, (int) Math.ceil(f * m)), 0));
    }
    return List.copyOf(rules);
  }

  /** r = k+ + k-. */
  public int total() {
    return positive + negative;
  }
}
