package org.dpaudit.core.accounting;

import org.dpaudit.core.Checks;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.LedgerEntry;
import org.dpaudit.core.privacy.PrivacyLedger;

/**
 * The delta a noise sampler with bounded support adds to a ledger's privacy.
 *
 * <p>Why: dpaudit's noise is made from 53-bit uniforms in (0, 1], so its support is bounded. Next
 * to the ideal mechanism a neighbouring dataset shifts the noise's centre, and outputs beyond the
 * shifted support's edge happen under one dataset and never under the other: an event of
 * probability delta that no accountant of the ideal mechanism counts.
 *
 * <h2>Gaussian noise: the ziggurat</h2>
 * Gaussian draws come from a 128-layer ziggurat (core's {@code random.Ziggurat}): every draw below
 * the base strip's edge {@code R = 3.4426} comes from a rectangle or a wedge, and draws beyond it
 * from Marsaglia's tail method, {@code z = R + |x|} with {@code x = ln(U1) / R}, accepted when
 * {@code -2 ln U2 >= x^2}. With 53-bit uniforms {@code -2 ln U2 <= 106 ln 2}, so {@code |x| <= T =
 * sqrt(106 ln 2) = 8.5718} and every draw has {@code |z| <= B = R + T = 12.0144}. For the tail
 * beyond {@code R + t}, both words must be small: {@code P(U1 <= e^(-R t)) <= e^(-R t)} and
 * {@code P(U2 <= e^(-t^2/2)) <= e^(-t^2/2)} (exact for uniforms on a grid of 2^-53 starting at
 * 2^-53). The tail is entered with probability below 1/128 per draw and its method accepts a try
 * with probability about 0.92 (both checked in core's ziggurat tests), so one draw exceeds {@code
 * R + t} with probability at most {@code e^(-R t - t^2/2)}.
 *
 * <p>A shift of {@code a} noise units on a coordinate leaves the support only by landing in {@code
 * (B - a, B]}, which (at {@code t = T - a}) has probability at most {@code e^(-R T - T^2/2) e^((R +
 * T) a) = c e^(B a)} with {@code c = 2^-53 e^(-R T)}. Over a step's n coordinates, with shifts
 * {@code ||a||_2 <= s = 1/sigma}, {@code e^(B a) = 1 + B a + g(a)} and {@code g(a) <= g(s) a^2 /
 * s^2} ({@code g(x) = e^(B x) - 1 - B x}), {@code sum a <= s sqrt(n)}:
 *
 * <pre>
 * delta_step <= c (n + B s sqrt(n) + e^(B s) - 1 - B s)
 * </pre>
 *
 * <h2>Laplace noise</h2>
 * A Laplace draw (a difference of two exponentials of 53-bit uniforms) has magnitude at most {@code
 * L = 53 ln 2 = 36.74}; a step of scale b, L1 sensitivity Delta ({@code s = Delta/b}) has {@code
 * delta_step <= e^(-L) (e^s - 1)} by the same argument per coordinate.
 *
 * <p>A Poisson-sampled step counts only when the differing example is sampled (probability q);
 * steps add up by the union bound. The accountant's epsilon is then stated at {@code delta -
 * delta_tail}: the run is (eps, delta)-DP for the sampler that was actually used, not only for the
 * ideal one. This covers the support's edges, not the floating-point grid inside it (Mironov 2012),
 * which the noise source mitigates by rounding the noisy value once to float32.
 */
public final class SamplerTail {
  /** The ziggurat's base strip edge R, where its tail method starts. */
  public static final double ZIGGURAT_EDGE = 3.442619855899;
  /** The largest excess over R the tail method accepts from 53-bit uniforms: sqrt(-2 ln 2^-53). */
  public static final double TAIL_REACH = Math.sqrt(106 * Math.log(2));
  /** The largest |z| a Gaussian draw can have: R + sqrt(106 ln 2). */
  public static final double GAUSSIAN_BOUND = ZIGGURAT_EDGE + TAIL_REACH;
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
      return g.noiseMultiplier() <= 0 ? 0 : q * gaussianStep(1 / g.noiseMultiplier(), coordinates);
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

  /** One Gaussian release's tail delta for a shift of {@code s} noise units over {@code n} ziggurat draws. */
  static double gaussianStep(double s, long n) {
    double b = GAUSSIAN_BOUND;
    double c = Math.pow(2, -53) * Math.exp(-ZIGGURAT_EDGE * TAIL_REACH);
    double bs = b * s;
    double g = Math.expm1(bs) - bs;
    return Math.min(1, c * (n + bs * Math.sqrt((double) n) + g));
  }

  /** One Laplace release's tail delta for an L1 shift of {@code s} scales. */
  static double laplaceStep(double s) {
    return Math.min(1, Math.exp(-LAPLACE_RADIUS) * Math.expm1(s));
  }
}
