package org.dpaudit.attacks.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.attack.AttackMetrics;
import org.dpaudit.core.artifact.attack.RocCurve;
import org.dpaudit.core.artifact.attack.TprAtFpr;

/**
 * ROC, AUC, balanced accuracy and TPR at low FPR from membership scores.
 *
 * <pre>
 * rule:   "member" iff score >= t, over every distinct score t (and +inf)
 * AUC   = P(score_member > score_nonmember) + P(equal) / 2    (Mann-Whitney, ties halved)
 * SE    = Hanley and McNeil (1982):  sqrt((A(1-A) + (P-1)(Q1-A^2) + (N-1)(Q2-A^2)) / (P N)),
 *         Q1 = A/(2-A), Q2 = 2A^2/(1+A)
 * TPR@a = max TPR over thresholds with FPR <= a, with one-sided 95% Clopper-Pearson bounds
 * </pre>
 */
public final class MetricsCalculator {
  /** Beyond this many distinct points the ROC stored in JSON is thinned to a log grid. */
  static final int MAX_STORED_POINTS = 4000;

  private MetricsCalculator() {}

  /** All metrics of {@code s}. */
  public static AttackMetrics compute(MembershipScores s) {
    int p = s.memberCount();
    int n = s.size() - p;
    if (p == 0 || n == 0) {
      throw new InvalidInputException("metrics need both members and non-members; got " + p + " members and " + n
          + " non-members");
    }
    List<RocCurve.Point> points = roc(s.scores(), s.members(), p, n);
    double auc = auc(s.scores(), s.members());
    double se = hanleyMcNeil(auc, p, n);
    double balanced = 0;
    for (RocCurve.Point pt : points) {
      balanced = Math.max(balanced, (pt.tpr() + 1 - pt.fpr()) / 2);
    }
    Map<String, TprAtFpr> tpr = new LinkedHashMap<>();
    for (double a : AttackMetrics.REPORTED_FPRS) {
      tpr.put(key(a), tprAt(points, a, p));
    }
    return new AttackMetrics(auc, Math.max(0, auc - 1.96 * se), Math.min(1, auc + 1.96 * se), balanced, tpr, p, n,
        new RocCurve(thin(points)));
  }

  /** The FPR key used in JSON, e.g. {@code "0.001"}. */
  public static String key(double fpr) {
    return java.math.BigDecimal.valueOf(fpr).stripTrailingZeros().toPlainString();
  }

  /** The ROC points at every distinct threshold, FPR ascending, starting at (0, 0). */
  static List<RocCurve.Point> roc(double[] scores, boolean[] members, int p, int n) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    List<RocCurve.Point> pts = new ArrayList<>();
    pts.add(new RocCurve.Point(0, 0, Double.POSITIVE_INFINITY));
    int tp = 0;
    int fp = 0;
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      if (members[i]) {
        tp++;
      } else {
        fp++;
      }
      boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[i];
      if (lastOfTie) {
        pts.add(new RocCurve.Point((double) fp / n, (double) tp / p, scores[i]));
      }
    }
    return pts;
  }

  /** Mann-Whitney AUC with ties counted one half, by ranks (O(n log n)). */
  static double auc(double[] scores, boolean[] members) {
    int m = scores.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]));
    double rankSumMembers = 0;
    long p = 0;
    for (int k = 0; k < m; ) {
      int j = k;
      while (j + 1 < m && scores[order[j + 1]] == scores[order[k]]) {
        j++;
      }
      double midRank = (k + j) / 2.0 + 1;
      for (int t = k; t <= j; t++) {
        if (members[order[t]]) {
          rankSumMembers += midRank;
          p++;
        }
      }
      k = j + 1;
    }
    long n = m - p;
    return (rankSumMembers - p * (p + 1) / 2.0) / ((double) p * n);
  }

  static double hanleyMcNeil(double a, int p, int n) {
    double q1 = a / (2 - a);
    double q2 = 2 * a * a / (1 + a);
    double var = (a * (1 - a) + (p - 1) * (q1 - a * a) + (n - 1) * (q2 - a * a)) / ((double) p * n);
    return Math.sqrt(Math.max(0, var));
  }

  static TprAtFpr tprAt(List<RocCurve.Point> points, double target, int p) {
    RocCurve.Point best = points.get(0);
    for (RocCurve.Point pt : points) {
      if (pt.fpr() <= target && pt.tpr() >= best.tpr()) {
        best = pt;
      }
    }
    int tp = (int) Math.round(best.tpr() * p);
    return new TprAtFpr(target, best.tpr(), clopperPearsonLower(tp, p, 0.05), clopperPearsonUpper(tp, p, 0.05),
        best.fpr());
  }

  /** One-sided lower Clopper-Pearson bound at level alpha. */
  static double clopperPearsonLower(int k, int n, double alpha) {
    return k == 0 ? 0 : BetaDistribution.of(k, n - k + 1).inverseCumulativeProbability(alpha);
  }

  /** One-sided upper Clopper-Pearson bound at level alpha. */
  static double clopperPearsonUpper(int k, int n, double alpha) {
    return k == n ? 1 : BetaDistribution.of(k + 1, n - k).inverseCumulativeProbability(1 - alpha);
  }

  private static List<RocCurve.Point> thin(List<RocCurve.Point> pts) {
    if (pts.size() <= MAX_STORED_POINTS) {
      return pts;
    }
    List<RocCurve.Point> out = new ArrayList<>();
    int gridSize = 400;
    for (int g = 0; g <= gridSize; g++) {
      double fpr = Math.pow(10, -4 + 4.0 * g / gridSize);
      TprAtFpr t = tprAt(pts, fpr, 1);
      RocCurve.Point pt = new RocCurve.Point(t.achievedFpr(), t.tpr(), Double.NaN);
      if (out.isEmpty() || !out.get(out.size() - 1).equals(pt)) {
        out.add(pt);
      }
    }
    out.add(0, pts.get(0));
    out.add(pts.get(pts.size() - 1));
    return out;
  }
}
