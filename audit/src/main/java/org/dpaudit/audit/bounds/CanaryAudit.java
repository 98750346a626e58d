package org.dpaudit.audit.bounds;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.dpaudit.core.Checks;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.GuessCounts;

/**
 * The one-run canary audit from scores and inclusion bits at hand: guess "in" for the k+
 * highest-scoring canaries and "out" for the k- lowest, count the correct guesses, and bound
 * epsilon with {@link OneRunBound}. A shorthand for {@link CanaryGuesses#commit} followed by {@link
 * CanaryGuesses#bound}; code that reads the inclusion bits from a run should use those two steps,
 * so that the bits are read only once the guesses are fixed.
 *
 * <p>Trying several guess rules and keeping the best is paid for: with K rules each bound is
 * computed at {@code beta / K} (Bonferroni). The rules must be chosen without looking at which
 * canaries went in (Privacy Meter tries a grid of (k-, k+) and reports the best without
 * correction). Ties in the scores are broken by a random order from {@code tieBreak}, never by the
 * canaries' positions, which a caller may have sorted by inclusion.
 */
public final class CanaryAudit {
  private CanaryAudit() {}

  /**
   * The best bound over {@code rules}, Bonferroni-corrected over their number.
   *
   * @param scores one score per canary, higher meaning "more likely included"; no NaN
   * @param included whether each canary was included in training
   * @param rules the guess rules to try (each with {@code k+ + k- <= m})
   * @param params confidence and delta
   * @param tieBreak randomness for breaking ties (from a named {@code Randomness} stream)
   */
  public static EpsilonLowerBound bound(double[] scores, boolean[] included, List<GuessCounts> rules,
      BoundParameters params, RandomGenerator tieBreak) {
    return bound(scores, included, rules, params, tieBreak, BoundMethod.ONE_RUN);
  }

  /**
   * As {@link #bound(double[], boolean[], List, BoundParameters, RandomGenerator)}, by {@code method}:
   * {@link BoundMethod#ONE_RUN} (valid for every mechanism) or {@link BoundMethod#ONE_RUN_FDP}
   * (tighter; assumes a Gaussian trade-off curve, needs delta > 0).
   */
  public static EpsilonLowerBound bound(double[] scores, boolean[] included, List<GuessCounts> rules,
      BoundParameters params, RandomGenerator tieBreak, BoundMethod method) {
    Checks.check(method == BoundMethod.ONE_RUN || method == BoundMethod.ONE_RUN_FDP
        || method == BoundMethod.ONE_RUN_FDP_EPS_DELTA,
        "a canary audit is bounded by ONE_RUN, ONE_RUN_FDP or ONE_RUN_FDP_EPS_DELTA; got " + method);
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(included, "included");
    Objects.requireNonNull(params, "params");
    Checks.check(scores.length == 0 || included.length == scores.length,
        "scores and inclusion flags must have the same length; got " + scores.length + " scores and "
            + included.length + " flags");
    return CanaryGuesses.commit(scores, rules, tieBreak).bound(included, params, method);
  }
}
