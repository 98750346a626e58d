package org.dpaudit.audit.bounds;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;

/**
 * The one-run canary audit from scores: guess "in" for the k+ highest-scoring canaries and "out"
 * for the k- lowest, count the correct guesses, and bound epsilon with {@link OneRunBound}.
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
    Checks.check(method == BoundMethod.ONE_RUN || method == BoundMethod.ONE_RUN_FDP,
        "a canary audit is bounded by ONE_RUN or ONE_RUN_FDP; got " + method);
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(included, "included");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(tieBreak, "tieBreak");
    int m = scores.length;
    Checks.check(m >= 1, "a canary audit needs at least one canary; got none");
    Checks.check(included.length == m,
        "scores and inclusion flags must have the same length; got " + m + " scores and " + included.length + " flags");
    Checks.check(!rules.isEmpty(), "give at least one guess rule (k+, k-)");
    for (int i = 0; i < m; i++) {
      if (Double.isNaN(scores[i])) {
        throw new InvalidInputException("scores[" + i + "] must be a number; got NaN");
      }
    }
    for (GuessCounts g : rules) {
      Checks.check(g.total() <= m, "a guess rule needs k+ + k- <= canaries = " + m + "; got k+ = " + g.positive()
          + ", k- = " + g.negative());
    }
    boolean[] ranked = rankedInclusion(scores, included, tieBreak);
    int k = rules.size();
    double level = params.errorRate() / k;
    double bestEps = -1;
    OneRunCounts bestCounts = null;
    GuessCounts bestRule = null;
    for (GuessCounts g : rules) {
      OneRunCounts c = new OneRunCounts(m, g.total(), correct(ranked, g));
      double eps = method == BoundMethod.ONE_RUN
          ? OneRunBound.epsilon(c, params.delta(), level)
          : OneRunFdpBound.epsilon(c, params.delta(), level);
      if (eps > bestEps) {
        bestEps = eps;
        bestCounts = c;
        bestRule = g;
      }
    }
    ThresholdSelection selection = k == 1 ? ThresholdSelection.FIXED : ThresholdSelection.BONFERRONI;
    String note = k == 1
        ? "one guess rule fixed in advance; p-value below " + CountsBound.percent(level)
        : "best of " + k + " guess rules, each at p-value level " + CountsBound.percent(level) + " (Bonferroni)";
    if (method == BoundMethod.ONE_RUN_FDP) {
      note += "; assumes a Gaussian trade-off curve";
    }
    return new EpsilonLowerBound(bestEps, params.confidence(), params.delta(), method, selection, k,
        level, null, null, null, null, null, bestCounts, bestRule, note);
  }

  /** Inclusion flags in order of decreasing score, ties in a random order. */
  private static boolean[] rankedInclusion(double[] scores, boolean[] included, RandomGenerator tieBreak) {
    int m = scores.length;
    long[] keys = new long[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      keys[i] = tieBreak.nextLong();
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byScore = Double.compare(scores[b] + 0.0, scores[a] + 0.0);
      return byScore != 0 ? byScore : Long.compare(keys[a], keys[b]);
    });
    boolean[] ranked = new boolean[m];
    for (int i = 0; i < m; i++) {
      ranked[i] = included[order[i]];
    }
    return ranked;
  }

  private static int correct(boolean[] ranked, GuessCounts g) {
    int v = 0;
    for (int i = 0; i < g.positive(); i++) {
      v += ranked[i] ? 1 : 0;
    }
    for (int i = ranked.length - g.negative(); i < ranked.length; i++) {
      v += ranked[i] ? 0 : 1;
    }
    return v;
  }
}
