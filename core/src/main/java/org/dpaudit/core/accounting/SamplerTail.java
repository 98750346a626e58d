package org.dpaudit.core.accounting;

import org.dpaudit.core.Checks;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.LedgerEntry;
import org.dpaudit.core.privacy.PrivacyLedger;

/**
 * The delta a noise sampler with bounded support adds to a ledger's privacy.
 *
 * <p>Why: dpaudit's noise is made from 53-bit uniforms in (0, 1], so a Box-Muller Gaussian pair has
 * radius at most {@code R = sqrt(106 ln 2) = 8.5718}, and a Laplace draw (a difference of two
 * exponentials) magnitude at most {@code B = 53 ln 2 = 36.74}. Next to the ideal mechanism a
 * neighbouring dataset shifts the noise's centre, and outputs beyond the shifted support's edge
 * happen under one dataset and never under the other: an event of probability delta that no
 * accountant of the ideal mechanism counts.
 *
 * <h2>The bound</h2>
 * Gaussian step, noise multiplier sigma, n Box-Muller pairs: the shift in noise units has
 * {@code ||u||_2 <= s = 1/sigma}; pair p leaves the support only if its radius exceeds {@code R -
 * |u_p|}, of probability at most {@code e^(-(R - a)^2/2) - e^(-R^2/2) <= e^(-R^2/2) (e^(R a) - 1)}
 * for {@code a = |u_p|}. With {@code g(a) = e^(R a) - 1 - R a}, {@code g(a) <= g(s) a^2/s^2}, so
 * summing over pairs ({@code sum a_p <= s sqrt(n)}, {@code sum a_p^2 <= s^2}):
 *
 * <pre>
 * delta_step <= e^(-R^2/2) (R s sqrt(n) + e^(R s) - 1 - R s)
 * </pre>
 *
 * Laplace step of scale b, L1 sensitivity Delta ({@code s = Delta/b}): {@code delta_step <= e^(-B)
 * (e^s - 1)} by the same argument per coordinate. A Poisson-sampled step counts only when the
 * differing example is sampled (probability q); steps add up by the union bound. The accountant's
 * epsilon is then stated at {@code delta - delta_tail}: the run is (eps, delta)-DP for the sampler
 * that was actually used, not only for the ideal one.
 *
 * <p>This covers the support's edges, not the floating-point grid inside it (Mironov 2012), which
 * the noise source mitigates by rounding the noisy value once to float32.
 */
public final class SamplerTail {
  /** The largest Box-Muller radius from 53-bit uniforms in (0, 1]: sqrt(-2 ln 2^-53). */
  public static final double GAUSSIAN_RADIUS = Math.sqrt(106 * Math.log(2));
  /** The largest |Laplace| draw from two 53-bit exponentials: 53 ln 2. */
  public static final double LAPLACE_RADIUS = 53 * Math.log(2);

  private SamplerTail() {}

  /**
   * The extra delta of {@code ledger} for noise vectors of {@code coordinates} values per release,
   * capped at 1.
   */
  public static double delta(PrivacyLedger ledger, long coordinates) {
    Checks.positive("coordinates", coordinates);
    double total = 0;
    for (LedgerEntry e : ledger.entries()) {
      total += e.count() * of(e.event(), 1, coordinates);
    }
    return Math.min(1, total);
  }

  private static double of(DpEvent e, double q, long coordinates) {
    if (e instanceof DpEvent.PoissonSampled p) {
      return of(p.event(), q * p.samplingRate(), coordinates);
    }
    if (e instanceof DpEvent.Gaussian g) {
      return g.noiseMultiplier() <= 0 ? 0 : q * gaussianStep(1 / g.noiseMultiplier(), (coordinates + 1) / 2);
    }
    if (e instanceof DpEvent.Laplace l) {
      return l.scale() <= 0 ? 0 : q * laplaceStep(l.sensitivity() / l.scale());
    }
    if (e instanceof DpEvent.SelfComposed s) {
      return s.count() * of(s.event(), q, coordinates);
    }
    if (e instanceof DpEvent.Composed c) {
      double sum = 0;
      for (DpEvent part : c.events()) {
        sum += of(part, q, coordinates);
      }
      return sum;
    }
    if (e instanceof DpEvent.ParallelComposed c) {
      double max = 0;
      for (DpEvent part : c.events()) {
        max = Math.max(max, of(part, q, coordinates));
      }
      return max;
    }
    return 0; // no noise drawn (NoOp), or nothing to add (NonPrivate: already no privacy)
  }

  /** One Gaussian release's tail delta for a shift of {@code s} noise units over {@code pairs} Box-Muller pairs. */
  static double gaussianStep(double s, long pairs) {
    double r = GAUSSIAN_RADIUS;
    double base = Math.exp(-r * r / 2);
    double rs = r * s;
    double g = Math.expm1(rs) - rs;
    return Math.min(1, base * (rs * Math.sqrt((double) pairs) + g));
  }

  /** One Laplace release's tail delta for an L1 shift of {@code s} scales. */
  static double laplaceStep(double s) {
    return Math.min(1, Math.exp(-LAPLACE_RADIUS) * Math.expm1(s));
  }
}
