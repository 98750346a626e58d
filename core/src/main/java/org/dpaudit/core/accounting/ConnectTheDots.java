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
    double[] deltas = new double[(int) (last - first + 1)];
    for (int i = 0; i < deltas.length; i++) {
      deltas[i] = curve.delta((first + i) * interval);
    }
    return fromDeltas(interval, first, deltas);
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
    for (DiscretePld p : parts) {
      double[] d = p.deltasOnGrid(first, last);
      for (int i = 0; i < max.length; i++) {
        max[i] = Math.max(max[i], d[i]);
      }
    }
    return fromDeltas(interval, first, max);
  }

  /** The connect-the-dots masses for the given curve values (forced non-increasing, masses clipped at 0). */
  static DiscretePld fromDeltas(double interval, long first, double[] deltaValues) {
    int n = deltaValues.length;
    double[] d = deltaValues.clone();
    for (int i = 1; i < n; i++) {
      d[i] = Math.min(d[i], d[i - 1]); // a hockey-stick curve is non-increasing; remove rounding wiggles
    }
    double[] p = new double[n];
    if (n == 1) {
      p[0] = 1 - d[0];
      return new DiscretePld(interval, first, p, d[0]);
    }
    double up = Math.expm1(interval);    // e^h - 1
    double down = Math.expm1(-interval); // e^-h - 1
    p[0] = (1 - d[0]) + (d[1] - d[0]) / up;
    for (int i = 1; i < n - 1; i++) {
      p[i] = (d[i + 1] - d[i]) / up + (d[i] - d[i - 1]) / down;
    }
    p[n - 1] = (d[n - 1] - d[n - 2]) / down;
    for (int i = 0; i < n; i++) {
      p[i] = Math.max(0, p[i]); // clipping adds mass: pessimistic
    }
    return new DiscretePld(interval, first, p, d[n - 1]);
  }
}
