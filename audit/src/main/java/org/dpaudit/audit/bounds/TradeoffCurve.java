package org.dpaudit.audit.bounds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.Checks;
import org.dpaudit.core.accounting.PrivacyProfile;

/**
 * A privacy claim as a trade-off curve, in the one form the f-DP one-run audit needs: its inverse
 * blow-up {@code g^-1(y)}, the least probability that a test which says "in" for an included
 * canary with probability {@code y} also says "in" for an excluded one. A mechanism that meets the
 * claim cannot do better on any event, for either order of a neighbouring pair.
 *
 * <pre>
 * (eps, delta)-DP:   g^-1(y) = max(0, e^-eps (y - delta), 1 - delta - e^eps (1 - y))
 * mu-GDP:            g^-1(y) = Phi(Phi^-1(y) - mu)
 * a privacy profile: the largest of the (eps_i, delta_i) curves over its grid
 * </pre>
 *
 * The profile curve is how an accountant's whole proof is tested, not just its epsilon at one
 * delta: an implementation can be (eps, delta)-DP at the reported point and still far from the
 * curve the ledger proves (a subsampled Gaussian makes large privacy losses very unlikely, which
 * one (eps, delta) point does not say). Taking the maximum over a finite grid gives a curve below
 * the accountant's (the claim tested is weaker), so rejecting it still rejects the proof.
 */
@FunctionalInterface
public interface TradeoffCurve {
  /** g^-1(y) for y in [0, 1]; non-decreasing, in [0, 1]. */
  double inverseBlowUp(double y);

  /** The curve of (eps, delta)-DP: valid for every mechanism that claims (eps, delta). */
  static TradeoffCurve epsilonDelta(double epsilon, double delta) {
    Checks.nonNegative("epsilon", epsilon);
    Checks.zeroToOneExclusive("delta", delta);
    double down = Math.exp(-epsilon);
    double up = Math.exp(epsilon);
    return y -> Math.max(0, Math.max(down * (y - delta), 1 - delta - up * (1 - y)));
  }

  /** The curve of mu-GDP. */
  static TradeoffCurve gaussian(double mu) {
    Checks.nonNegative("mu", mu);
    NormalDistribution n = NormalDistribution.of(0, 1);
    return y -> {
      if (y >= 1) {
        return 1;
      }
      if (y <= 0) {
        return 0;
      }
      return Double.isInfinite(mu) ? 0 : n.cumulativeProbability(n.inverseCumulativeProbability(y) - mu);
    };
  }

  /** The curve of a privacy profile (the upper envelope of its (eps_i, delta_i) curves). */
  static TradeoffCurve of(PrivacyProfile profile) {
    List<double[]> lines = new ArrayList<>();
    lines.add(new double[] {0, 0});
    for (int i = 0; i < profile.size(); i++) {
      double e = profile.epsilon(i);
      double d = profile.delta(i);
      if (d >= 1) {
        continue;
      }
      double down = Math.exp(-e);
      lines.add(new double[] {down, -down * d});
      double up = Math.exp(e);
      if (Double.isFinite(up)) {
        lines.add(new double[] {up, 1 - d - up});
      }
    }
    return new Envelope(lines)::at;
  }

  /** The upper envelope of lines y -> slope * y + intercept, evaluated by binary search. */
  final class Envelope {
    private final double[] slopes;
    private final double[] intercepts;
    /** breaks[i]: where line i+1 overtakes line i. */
    private final double[] breaks;

    Envelope(List<double[]> lines) {
      lines.sort(Comparator.<double[]>comparingDouble(l -> l[0]).thenComparingDouble(l -> l[1]));
      List<double[]> hull = new ArrayList<>();
      for (double[] l : lines) {
        while (!hull.isEmpty() && hull.get(hull.size() - 1)[0] == l[0]) {
          hull.remove(hull.size() - 1); // same slope: the later one has the larger intercept
        }
        while (hull.size() >= 2 && useless(hull.get(hull.size() - 2), hull.get(hull.size() - 1), l)) {
          hull.remove(hull.size() - 1);
        }
        hull.add(l);
      }
      int n = hull.size();
      slopes = new double[n];
      intercepts = new double[n];
      breaks = new double[Math.max(0, n - 1)];
      for (int i = 0; i < n; i++) {
        slopes[i] = hull.get(i)[0];
        intercepts[i] = hull.get(i)[1];
        if (i > 0) {
          breaks[i - 1] = cross(hull.get(i - 1), hull.get(i));
        }
      }
    }

    /** Whether b is never strictly above both a and c (slopes a < b < c). */
    private static boolean useless(double[] a, double[] b, double[] c) {
      return cross(a, c) <= cross(a, b);
    }

    private static double cross(double[] a, double[] b) {
      return (a[1] - b[1]) / (b[0] - a[0]);
    }

    double at(double y) {
      int lo = 0;
      int hi = breaks.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (breaks[mid] < y) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      double v = slopes[lo] * y + intercepts[lo];
      return Math.min(1, Math.max(0, v));
    }
  }
}
