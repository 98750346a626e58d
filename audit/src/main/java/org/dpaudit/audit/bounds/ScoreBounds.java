package org.dpaudit.audit.bounds;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.ConfusionCounts;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.ThresholdSelection;

/**
 * Epsilon lower bounds from per-example membership scores, with the threshold search paid for.
 *
 * <p>The test is "member iff score >= t"; ties are on the same side of every threshold. The
 * candidate thresholds are the distinct observed scores. Three ways to choose (see {@link
 * ThresholdSelection}):
 *
 * <ul>
 *   <li>{@link #split}: the default. A seeded random half of the members and a half of the
 *       non-members choose the threshold that maximises the bound on them (each rate at level
 *       {@code (1-c)/2}); the other half is bounded at that threshold exactly as a fixed test. The
 *       threshold is independent of the evaluation half, so nothing more is paid, but only half
 *       the data bounds.
 *   <li>{@link #bonferroni}: every candidate on all the data; each rate bound at level {@code
 *       (1-c)/(n+ + n-)}. Why that count: for any threshold t with {@code FP(t) = j}, the event
 *       "FPR(t) > CP_up(j)" implies the event "some threshold with at most j false positives has
 *       FPR above CP_up(j)", whose probability is at most the level (the order-statistic argument
 *       behind Clopper–Pearson). Only {@code j = 0..n- - 1} can fail ({@code CP_up(n-) = 1}), so a
 *       union over those {@code n-} events and the {@code n+} false-negative events covers every
 *       threshold at once, ties or not. The number of distinct scores would be a data-dependent
 *       count and is not used.
 *   <li>{@link #atThreshold}: one threshold fixed in advance; nothing is paid.
 * </ul>
 */
public final class ScoreBounds {
  private ScoreBounds() {}

  /**
   * The bound with the given selection; {@code rng} is used by {@link ThresholdSelection#SPLIT}
   * only (take it from a named {@code Randomness} stream so the split can be replayed).
   * {@link ThresholdSelection#FIXED} needs a threshold: use {@link #atThreshold}.
   */
  public static EpsilonLowerBound bound(ClassScores scores, BoundMethod method, ThresholdSelection selection,
      BoundParameters params, RandomGenerator rng) {
    Objects.requireNonNull(selection, "selection");
    return switch (selection) {
      case SPLIT -> split(scores, method, params, rng);
      case BONFERRONI -> bonferroni(scores, method, params);
      case FIXED -> throw new InvalidInputException(
          "a FIXED threshold selection needs the threshold; use ScoreBounds.atThreshold");
    };
  }

  /** The bound at one threshold fixed before the scores were seen. */
  public static EpsilonLowerBound atThreshold(ClassScores scores, double threshold, BoundMethod method,
      BoundParameters params) {
    Objects.requireNonNull(scores, "scores");
    return CountsBound.at(scores.countsAt(threshold), params, method, 2, ThresholdSelection.FIXED, threshold,
        "rule 'member iff score >= " + threshold + "' fixed before the scores were seen; FPR and FNR bounded at "
            + CountsBound.percent(params.errorRate() / 2) + " each");
  }

  /**
   * The Clopper–Pearson bound a perfect attack would reach on this many members and non-members
   * with this threshold selection: no false positive and no false negative, on the examples that
   * are bounded (the evaluation half for {@link ThresholdSelection#SPLIT}, all of them otherwise),
   * at the same per-rate error levels. No outcome on these sample sizes can give more.
   */
  public static double maxAchievable(int positives, int negatives, ThresholdSelection selection,
      BoundParameters params) {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(params, "params");
    Checks.positive("positives", positives);
    Checks.positive("negatives", negatives);
    int in = selection == ThresholdSelection.SPLIT ? positives - positives / 2 : positives;
    int out = selection == ThresholdSelection.SPLIT ? negatives - negatives / 2 : negatives;
    int tests = selection == ThresholdSelection.BONFERRONI ? positives + negatives : 2;
    double level = params.errorRate() / tests;
    return CountsBound.epsilonFromRates(ClopperPearson.upper(0, out, level), ClopperPearson.upper(0, in, level),
        params.delta());
  }

  /** Threshold chosen on a random half, bound on the other half (stratified by membership). */
  public static EpsilonLowerBound split(ClassScores scores, BoundMethod method, BoundParameters params,
      RandomGenerator rng) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(rng, "rng (the split needs a random generator)");
    CountsBound.requireGdpDelta(method, params);
    Checks.check(scores.positives() >= 2 && scores.negatives() >= 2,
        "a split needs at least 2 members and 2 non-members; got " + scores.positives() + " and " + scores.negatives());
    double[][] in = halves(scores.members(), rng);
    double[][] out = halves(scores.nonMembers(), rng);
    ClassScores choose = ClassScores.ofClasses(in[0], out[0]);
    ClassScores evaluate = ClassScores.ofClasses(in[1], out[1]);
    double t = best(Candidates.of(choose), method, params, params.errorRate() / 2).threshold;
    String note = String.format(Locale.ROOT,
        "threshold %s chosen on a random half (%d members, %d non-members); bounded on the other half "
            + "(%d, %d), FPR and FNR at %s each",
        t, in[0].length, out[0].length, in[1].length, out[1].length, CountsBound.percent(params.errorRate() / 2));
    return CountsBound.at(evaluate.countsAt(t), params, method, 2, ThresholdSelection.SPLIT, t, note);
  }

  /** Every threshold on all the data, Bonferroni-corrected over the {@code n+ + n-} rate bounds. */
  public static EpsilonLowerBound bonferroni(ClassScores scores, BoundMethod method, BoundParameters params) {
    Objects.requireNonNull(scores, "scores");
    CountsBound.requireGdpDelta(method, params);
    int tests = scores.positives() + scores.negatives();
    double level = params.errorRate() / tests;
    Candidates c = Candidates.of(scores);
    Best b = best(c, method, params, level);
    ConfusionCounts counts = new ConfusionCounts(c.tp[b.index], scores.positives() - c.tp[b.index], c.fp[b.index],
        scores.negatives() - c.fp[b.index]);
    return CountsBound.at(counts, params, method, tests, ThresholdSelection.BONFERRONI, b.threshold,
        "best of " + c.size() + " thresholds on all the data; each FPR/FNR bound at " + CountsBound.percent(level)
            + " (Bonferroni over the " + tests + " rate bounds any threshold can need)");
  }

  private record Best(int index, double threshold) {}

  /** The candidate with the largest bound (CP) or mu (GDP: epsilon grows with mu) at {@code level}. */
  private static Best best(Candidates c, BoundMethod method, BoundParameters params, double level) {
    CpTable fpr = CpTable.of(c.negatives, level);
    CpTable fnr = CpTable.of(c.positives, level);
    int bestIndex = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < c.size(); i++) {
      int fp = c.fp[i];
      int fn = c.positives - c.tp[i];
      double value = method == BoundMethod.GDP
          ? fpr.z(fp) + fnr.z(fn)
          : CountsBound.epsilonFromRates(fpr.upper(fp), fnr.upper(fn), params.delta());
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    return new Best(bestIndex, c.thresholds[bestIndex]);
  }

  private static double[][] halves(double[] values, RandomGenerator rng) {
    double[] v = values.clone();
    for (int i = v.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      double tmp = v[i];
      v[i] = v[j];
      v[j] = tmp;
    }
    int half = v.length / 2;
    return new double[][] {Arrays.copyOfRange(v, 0, half), Arrays.copyOfRange(v, half, v.length)};
  }

  /** The distinct scores, descending, with the true and false positives of "score >= t" at each. */
  static final class Candidates {
    final double[] thresholds;
    final int[] tp;
    final int[] fp;
    final int positives;
    final int negatives;

    private Candidates(double[] thresholds, int[] tp, int[] fp, int positives, int negatives) {
      this.thresholds = thresholds;
      this.tp = tp;
      this.fp = fp;
      this.positives = positives;
      this.negatives = negatives;
    }

    int size() {
      return thresholds.length;
    }

    static Candidates of(ClassScores scores) {
      double[] in = scores.members().clone();
      double[] out = scores.nonMembers().clone();
      Arrays.sort(in);
      Arrays.sort(out);
      int n = in.length + out.length;
      double[] t = new double[n];
      int[] tp = new int[n];
      int[] fp = new int[n];
      int i = in.length - 1;
      int j = out.length - 1;
      int k = 0;
      while (i >= 0 || j >= 0) {
        double v = i < 0 ? out[j] : j < 0 ? in[i] : Math.max(in[i], out[j]);
        while (i >= 0 && in[i] == v) {
          i--;
        }
        while (j >= 0 && out[j] == v) {
          j--;
        }
        t[k] = v;
        tp[k] = in.length - 1 - i;
        fp[k] = out.length - 1 - j;
        k++;
      }
      return new Candidates(Arrays.copyOf(t, k), Arrays.copyOf(tp, k), Arrays.copyOf(fp, k), in.length, out.length);
    }
  }
}
