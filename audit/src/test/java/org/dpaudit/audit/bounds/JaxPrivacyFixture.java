package org.dpaudit.audit.bounds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.artifact.audit.OneRunCounts;

/**
 * The setting of jax_privacy's test_epsilon_one_run_close (google-deepmind/jax_privacy,
 * tests/auditing_test.py): 10,000 in- and 10,000 out-canaries with deterministic N(shift, 1) and
 * N(0, 1) scores ({@code Phi^-1((i + 0.5)/n)}), significance 0.05, delta 1e-6, one-sided guesses
 * ("in" above a threshold), thresholds on the Pareto frontier of the ROC with Bonferroni over the
 * frontier's size. Rebuilt here as a fixture so that our one-run bounds can be checked against the
 * values that test expects; the procedure is jax_privacy's, the bounds are ours.
 */
final class JaxPrivacyFixture {
  private JaxPrivacyFixture() {}

  /** The best bound over the frontier thresholds; {@code bound} maps (counts, level) to epsilon. */
  static double bestOverFrontier(double shift, ToDoubleBiFunction<OneRunCounts, Double> bound) {
    int n = 10_000;
    NormalDistribution n01 = NormalDistribution.of(0, 1);
    double[] in = new double[n];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = n01.inverseCumulativeProbability((i + 0.5) / n);
      in[i] = out[i] + shift;
    }
    List<long[]> frontier = paretoFrontierOfLowerCounts(in, out);
    double beta = 0.05 / frontier.size();
    double best = 0;
    for (long[] fnTn : frontier) {
      int tp = (int) (n - fnTn[0]);
      int fp = (int) (n - fnTn[1]);
      if (tp + fp > 0) {
        best = Math.max(best, bound.applyAsDouble(new OneRunCounts(2 * n, tp + fp, tp), beta));
      }
    }
    return best;
  }

  /**
   * jax_privacy's {@code _get_tn_fn_counts}: thresholds = distinct scores and +inf; at each,
   * (#in-scores below, #out-scores below); then the points not below the chord of their
   * neighbours (its {@code _pareto_frontier}).
   */
  static List<long[]> paretoFrontierOfLowerCounts(double[] in, double[] out) {
    TreeSet<Double> distinct = new TreeSet<>();
    Arrays.stream(in).forEach(distinct::add);
    Arrays.stream(out).forEach(distinct::add);
    distinct.add(Double.POSITIVE_INFINITY);
    double[] sin = in.clone();
    double[] sout = out.clone();
    Arrays.sort(sin);
    Arrays.sort(sout);
    List<long[]> points = new ArrayList<>();
    for (double t : distinct) {
      points.add(new long[] {countBelow(sin, t), countBelow(sout, t)});
    }
    boolean changed = true;
    while (changed && points.size() > 2) {
      changed = false;
      List<long[]> keep = new ArrayList<>();
      keep.add(points.get(0));
      for (int j = 1; j < points.size() - 1; j++) {
        long[] a = points.get(j - 1);
        long[] b = points.get(j);
        long[] c = points.get(j + 1);
        long cross = (b[1] - a[1]) * (c[0] - b[0]) - (c[1] - b[1]) * (b[0] - a[0]);
        if (cross <= 0) {
          changed = true;
        } else {
          keep.add(b);
        }
      }
      keep.add(points.get(points.size() - 1));
      points = keep;
    }
    return points;
  }

  private static long countBelow(double[] sorted, double t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
