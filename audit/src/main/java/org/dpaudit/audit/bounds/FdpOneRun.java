package org.dpaudit.audit.bounds;

import java.util.Objects;
import java.util.function.DoubleFunction;
import org.dpaudit.core.Checks;
import org.dpaudit.core.artifact.audit.OneRunCounts;

/**
 * The f-DP one-run test: can a mechanism that meets trade-off curve f make {@code v} correct
 * guesses out of {@code k} on {@code m} canaries, each included independently with probability
 * 1/2, with probability at least beta?
 *
 * <pre>
 * Mahloujifar, S., Melis, L. and Chaudhuri, K. (2024). Auditing f-differential privacy in one run.
 *   arXiv:2410.22235 (ICML 2025), the "audit_rh_with_cap" procedure.
 *
 * r = beta v / m, h = beta (k - v) / m
 * for i = v-1 down to 0:  h' = max(h, g^-1(r));  r = min(r + i/(k - i) (h' - h), 1);  h = h'
 * the claim is rejected at level beta when r + h > k / m
 * </pre>
 *
 * Validity rests only on the canaries' independent inclusion and on the claim: for any scores
 * and any curve f, a mechanism meeting f is rejected with probability at most beta. With the
 * (eps, delta) curve the test needs no assumption about the mechanism at all; with an accountant's
 * profile curve it tests that accountant's whole proof.
 */
public final class FdpOneRun {
  private FdpOneRun() {}

  /** Whether {@code curve} is rejected at level {@code beta} by v correct guesses of k on m canaries. */
  public static boolean rejects(TradeoffCurve curve, OneRunCounts counts, double beta) {
    return slack(curve, counts, beta) > 0;
  }

  /** Positive when rejected: {@code r + h - k/m} at the end of the recursion. */
  static double slack(TradeoffCurve curve, OneRunCounts counts, double beta) {
    Objects.requireNonNull(curve, "curve");
    Checks.openUnit("beta", beta);
    int m = counts.canaries();
    int k = counts.guesses();
    int v = counts.correct();
    if (v == 0) {
      return -1;
    }
    double r = beta * v / m;
    double h = beta * (double) (k - v) / m;
    for (int i = v - 1; i >= 0; i--) {
      double hNew = Math.max(h, curve.inverseBlowUp(r));
      if (hNew == h) {
        break; // neither h nor r can change any more
      }
      r = Math.min(r + (double) i / (k - i) * (hNew - h), 1.0);
      h = hNew;
    }
    return r + h - (double) k / m;
  }

  /**
   * The largest epsilon whose (eps, delta) curve is rejected at level beta (0 when none is), to
   * within 1e-6: a lower bound on epsilon valid for every mechanism.
   */
  public static double epsilonDelta(OneRunCounts counts, double delta, double beta) {
    return largestRejected(e -> TradeoffCurve.epsilonDelta(e, delta), counts, beta, 0, 64);
  }

  /**
   * The largest parameter {@code p} in [lo, hi] whose curve {@code family.apply(p)} is rejected,
   * for a family that weakens as p grows (so the rejected set is an interval starting at lo); lo
   * when even lo is not rejected. Bisection to within 1e-6 relative.
   */
  public static double largestRejected(DoubleFunction<TradeoffCurve> family, OneRunCounts counts, double beta,
      double lo, double hi) {
    if (!rejects(family.apply(lo), counts, beta)) {
      return lo;
    }
    if (rejects(family.apply(hi), counts, beta)) {
      return hi;
    }
    double a = lo;
    double b = hi;
    while (b - a > 1e-6 * Math.max(1, b)) {
      double mid = (a + b) / 2;
      if (rejects(family.apply(mid), counts, beta)) {
        a = mid;
      } else {
        b = mid;
      }
    }
    return a;
  }
}
