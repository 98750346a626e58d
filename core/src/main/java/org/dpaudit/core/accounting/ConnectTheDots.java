package org.dpaudit.core.accounting;

import java.util.List;

/**
 * Pessimistic "connect the dots" discretisation: a privacy loss distribution on a grid whose
 * hockey-stick curve is at least the true one everywhere.
 *
 * <pre>
 *   Vadym Doroshenko, Badih Ghazi, Pritish Kamath, Ravi Kumar, Pasin Manurangsi. Connect the Dots:
 *   Tighter Discrete Approximations of Privacy Loss Distributions. PETS 2022, Algorithm 1.
 *
 *   Given delta_i = delta(eps_i) on the grid eps_i = (first + i) h, i = 0..n-1:
 *     mass at eps_0     = (1 - delta_0) + (delta_1 - delta_0) / (e^h - 1)
 *     mass at eps_i     = (delta_{i+1} - delta_i) / (e^h - 1) + (delta_i - delta_{i-1}) / (e^-h - 1)
 *     mass at eps_{n-1} = (delta_{n-1} - delta_{n-2}) / (e^-h - 1)
 *     mass at +infinity = delta_{n-1}
 * </pre>
 * Why it dominates: as a function of t = e^eps, delta is convex with delta(0) = 1, and the grid
 * distribution's curve is the chord through the points (0, 1), (e^eps_i, delta_i), then flat at
 * delta_{n-1}; chords of a convex decreasing function lie above it. So the grid pair dominates the
 * true pair for every eps (whatever grid range is chosen: the range only affects tightness), and
 * composition preserves domination. The same holds for the pointwise maximum of several curves
 * (itself convex in t), which is how {@link #worstOf} bounds a parallel composition.
 */
final class ConnectTheDots {
  private ConnectTheDots() {}

  /**
   * The grid distribution for {@code curve}, on the grid points covering its losses outside tails of
   * {@code tail}; throws {@link FftConvolution.TooLargeException} beyond {@code maxPoints} points.
   */
  static DiscretePld discretise(HockeyStick curve, double interval, double tail, int maxPoints) {
    long first = (long) Math.floor(curve.lowestLoss(tail) / interval);
    long last = (long) Math.ceil(curve.highestLoss(tail) / interval);
    if (last - first + 1 > maxPoints) {
      throw new FftConvolution.TooLargeException(last - first + 1);
    }
    int n = (int) (last - first + 1);
    double[] deltas = new double[n];
    double[] complements = new double[n];
    for (int i = 0; i < n; i++) {
      double eps = (first + i) * interval;
      deltas[i] = curve.delta(eps);
      complements[i] = deltas[i] > 0.5 ? curve.complement(eps) : 1 - deltas[i];
    }
    return withRoundingDefect(fromDeltas(interval, first, deltas, complements, 1), deltas);
  }

  /**
   * The grid masses are second differences of the curve, so rounding leaves the grid curve a little
   * below the true one at some grid points (measured: at most 4e-13 at interval 1e-4). The largest
   * such defect, measured here exactly at every grid point, is added to the mass at infinity, which
   * lifts the whole grid curve by it; between grid points the grid curve is a chord of a convex
   * curve, so the lift covers it there too.
   */
  private static DiscretePld withRoundingDefect(DiscretePld pld, double[] deltas) {
    double[] onGrid = pld.deltasOnGrid(pld.offset, pld.lastIndex());
    double defect = 0;
    for (int i = 0; i < deltas.length; i++) {
      defect = Math.max(defect, deltas[i] - onGrid[i]);
    }
    return defect == 0 ? pld : new DiscretePld(pld.interval, pld.offset, pld.probs, pld.infinityMass + defect);
  }

  /**
   * A distribution dominating each of {@code parts} (all on the same grid): the connect-the-dots
   * distribution of their pointwise maximum curve over the union of their grids.
   */
  static DiscretePld worstOf(List<DiscretePld> parts) {
    double interval = parts.get(0).interval;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (DiscretePld p : parts) {
      first = Math.min(first, p.offset);
      last = Math.max(last, p.lastIndex());
    }
    double[] max = new double[Math.toIntExact(last - first + 1)];
    double totalMass = 1;
    for (DiscretePld p : parts) {
      double[] d = p.deltasOnGrid(first, last);
      for (int i = 0; i < max.length; i++) {
        max[i] = Math.max(max[i], d[i]);
      }
      totalMass = Math.max(totalMass, p.totalMass());
    }
    double[] complements = new double[max.length];
    for (int i = 0; i < max.length; i++) {
      complements[i] = totalMass - max[i];
    }
    return fromDeltas(interval, first, max, complements, totalMass);
  }

  /**
   * The connect-the-dots masses for curve values {@code d} and their complements {@code c = M - d}
   * (M = {@code totalMass}: 1 for a mechanism; the largest total mass when the curves come from grids
   * whose rounding left slightly more than 1). Differences are taken on whichever of d and c is
   * accurate there (c where d is near M), the curve is forced non-increasing, and negative masses
   * (rounding) are clipped to 0, which only adds mass.
   */
  static DiscretePld fromDeltas(double interval, long first, double[] d, double[] c, double totalMass) {
    int n = d.length;
    double[] p = new double[n];
    if (n == 1) {
      p[0] = Math.max(0, c[0]);
      return new DiscretePld(interval, first, p, d[0]);
    }
    double[] diff = new double[n - 1]; // d[i+1] - d[i], never positive
    for (int i = 0; i < n - 1; i++) {
      double step = d[i + 1] > 0.5 * totalMass ? c[i] - c[i + 1] : d[i + 1] - d[i];
      diff[i] = Math.min(0, step);
    }
    double up = Math.expm1(interval);    // e^h - 1
    double down = Math.expm1(-interval); // e^-h - 1
    p[0] = Math.max(0, c[0]) + diff[0] / up;
    for (int i = 1; i < n - 1; i++) {
      p[i] = diff[i] / up + diff[i - 1] / down;
    }
    p[n - 1] = diff[n - 2] / down;
    for (int i = 0; i < n; i++) {
      p[i] = Math.max(0, p[i]);
    }
    double infinity = d[n - 1];
    return new DiscretePld(interval, first, p, Math.max(0, infinity));
  }
}
