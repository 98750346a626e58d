package org.dpaudit.audit.bounds;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.core.artifact.audit.ThresholdSelection;

/**
 * The guesses of a one-run canary audit, committed from the canaries' scores alone: for each guess
 * rule (k+, k-), "in" for the k+ highest-scoring canaries and "out" for the k- lowest.
 *
 * <p>The audit is done in two steps so that the guesses cannot depend on which canaries went in:
 * {@link #commit} sees only the scores (it has no parameter through which inclusion could reach
 * it), and only the committed object, already fixed, is then scored against the inclusion bits by
 * {@link #bound}. The one-run bound of Steinke, Nasr and Jagielski (2023) is valid only for guesses
 * made that way.
 *
 * <p>Ties in the scores are broken by a random order drawn from {@code tieBreak}, never by the
 * canaries' positions, which a caller may have sorted by inclusion. Trying several rules and
 * keeping the best is paid for: with K rules each is bounded at p-value level {@code beta / K}
 * (Bonferroni).
 */
public final class CanaryGuesses {
  private final int canaries;
  private final List<GuessCounts> rules;
  /** Canary indices by decreasing score, ties in a random order. */
  private final int[] ranking;

  private CanaryGuesses(int canaries, List<GuessCounts> rules, int[] ranking) {
    this.canaries = canaries;
    this.rules = rules;
    this.ranking = ranking;
  }

  /**
   * Ranks the canaries by score and fixes the guesses of every rule.
   *
   * @param scores one score per canary, higher meaning "more likely included"; no NaN
   * @param rules the guess rules to try (each with {@code k+ + k- <= m}), chosen without looking at
   *     which canaries went in
   * @param tieBreak randomness for breaking ties (from a named {@code Randomness} stream)
   */
  public static CanaryGuesses commit(double[] scores, List<GuessCounts> rules, RandomGenerator tieBreak) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(tieBreak, "tieBreak");
    int m = scores.length;
    Checks.check(m >= 1, "a canary audit needs at least one canary; got none");
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
    return new CanaryGuesses(m, List.copyOf(rules), ranking(scores, tieBreak));
  }

  /** m, the number of canaries. */
  public int canaries() {
    return canaries;
  }

  /** The rules, in the order given. */
  public List<GuessCounts> rules() {
    return rules;
  }

  /** The canaries guessed "in" by {@code rule}, highest score first. */
  public int[] guessedIn(GuessCounts rule) {
    return Arrays.copyOfRange(ranking, 0, requireRule(rule).positive());
  }

  /** The canaries guessed "out" by {@code rule}, lowest score last. */
  public int[] guessedOut(GuessCounts rule) {
    return Arrays.copyOfRange(ranking, canaries - requireRule(rule).negative(), canaries);
  }

  /**
   * The best bound over the rules, Bonferroni-corrected over their number, now that the guesses
   * are fixed: {@link BoundMethod#ONE_RUN} (valid for every mechanism) or {@link
   * BoundMethod#ONE_RUN_FDP} (tighter; assumes a Gaussian trade-off curve, needs delta > 0).
   *
   * @param included whether each canary was included in training
   */
  public EpsilonLowerBound bound(boolean[] included, BoundParameters params, BoundMethod method) {
    Objects.requireNonNull(included, "included");
    Checks.check(included.length == canaries,
        "scores and inclusion flags must have the same length; got " + canaries + " scores and " + included.length
            + " flags");
    return best(params, method, g -> correct(included, g));
  }

  /**
   * The bound a perfect attacker would reach with these rules: every guess right. No real outcome
   * can give more, so a claim above this value cannot be contradicted by this audit whatever the
   * model does.
   */
  public EpsilonLowerBound maxAchievable(BoundParameters params, BoundMethod method) {
    return best(params, method, GuessCounts::total);
  }

  private EpsilonLowerBound best(BoundParameters params, BoundMethod method,
      ToIntFunction<GuessCounts> correct) {
    Objects.requireNonNull(params, "params");
    Checks.check(method == BoundMethod.ONE_RUN || method == BoundMethod.ONE_RUN_FDP
        || method == BoundMethod.ONE_RUN_FDP_EPS_DELTA,
        "a canary audit is bounded by ONE_RUN, ONE_RUN_FDP or ONE_RUN_FDP_EPS_DELTA; got " + method);
    int k = rules.size();
    double level = params.errorRate() / k;
    double bestEps = -1;
    OneRunCounts bestCounts = null;
    GuessCounts bestRule = null;
    for (GuessCounts g : rules) {
      OneRunCounts c = new OneRunCounts(canaries, g.total(), correct.applyAsInt(g));
      double eps = switch (method) {
        case ONE_RUN -> OneRunBound.epsilon(c, params.delta(), level);
        case ONE_RUN_FDP -> OneRunFdpBound.epsilon(c, params.delta(), level);
        default -> FdpOneRun.epsilonDelta(c, params.delta(), level);
      };
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
    } else if (method == BoundMethod.ONE_RUN_FDP_EPS_DELTA) {
      note += "; the f-DP one-run test of (eps, delta) curves (Mahloujifar et al. 2024), valid for every mechanism";
    }
    return new EpsilonLowerBound(bestEps, params.confidence(), params.delta(), method, selection, k,
        level, null, null, null, null, null, bestCounts, bestRule, note);
  }

  /** The outcome of {@code rule} against the inclusion bits. */
  public OneRunCounts counts(boolean[] included, GuessCounts rule) {
    Objects.requireNonNull(included, "included");
    Checks.check(included.length == canaries, "expected " + canaries + " inclusion flags; got " + included.length);
    return new OneRunCounts(canaries, requireRule(rule).total(), correct(included, rule));
  }

  private GuessCounts requireRule(GuessCounts rule) {
    Checks.check(rules.contains(rule), "guess rule " + rule + " was not committed; committed: " + rules);
    return rule;
  }

  private int correct(boolean[] included, GuessCounts g) {
    int v = 0;
    for (int i = 0; i < g.positive(); i++) {
      v += included[ranking[i]] ? 1 : 0;
    }
    for (int i = canaries - g.negative(); i < canaries; i++) {
      v += included[ranking[i]] ? 0 : 1;
    }
    return v;
  }

  /** Indices in order of decreasing score, ties in a random order (one key per canary, drawn in index order). */
  private static int[] ranking(double[] scores, RandomGenerator tieBreak) {
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
    int[] ranking = new int[m];
    for (int i = 0; i < m; i++) {
      ranking[i] = order[i];
    }
    return ranking;
  }
}
