package org.dpaudit.core.accounting;

/**
 * A symmetric mechanism (P1 vs P0, e.g. Gaussian or Laplace) applied to a Poisson subsample with
 * rate q, under add/remove-one neighbours. Adding the example turns the output distribution P0 into
 * the mixture {@code M = (1 - q) P0 + q P1}, and (eps, delta)-DP needs both orders of the pair:
 *
 * <pre>
 *   WITH_EXAMPLE_FIRST (M vs P0): delta(eps) = 1 - e^eps                       if e^eps <= 1 - q
 *                                            = q delta1(log(1 + (e^eps - 1)/q)) otherwise
 *   WITHOUT_EXAMPLE_FIRST (P0 vs M): with c = 1 - (1 - q) e^eps,
 *                                    delta(eps) = c delta1(eps + log q - log c) if c > 0, else 0
 *
 *   where delta1 is the base mechanism's curve (the same in both orders, by symmetry).
 *   The privacy losses are L = log(1 - q + q e^l) and L = -log(1 - q + q e^l) of the base loss l.
 *
 *   Borja Balle, Gilles Barthe, Marco Gaboardi. Privacy Amplification by Subsampling: Tight
 *   Analyses via Couplings and Divergences. NeurIPS 2018 (advanced joint convexity, Thm 2).
 *   Antti Koskela, Joonas Jalko, Antti Honkela. Computing Tight Differential Privacy Guarantees
 *   Using FFT. AISTATS 2020 (the two orders for add/remove, Sec. 6).
 * </pre>
 * The first identity is the hockey-stick divergence of a mixture against one of its components;
 * the second pulls {@code c P0} out of {@code [P0 - e^eps M]_+}.
 */
final class SubsampledHockeyStick implements HockeyStick {
  /** Which distribution of the neighbouring pair is P (the numerator of the privacy loss). */
  enum Order {
    /** P = output with the example (the mixture), Q = output without it. */
    WITH_EXAMPLE_FIRST,
    /** P = output without the example, Q = output with it (the mixture). */
    WITHOUT_EXAMPLE_FIRST
  }

  private final HockeyStick base;
  private final double q;
  private final double logQ;
  private final double log1mQ;
  private final Order order;

  /** {@code base} symmetric; {@code 0 < q < 1}. */
  SubsampledHockeyStick(HockeyStick base, double q, Order order) {
    this.base = base;
    this.q = q;
    this.logQ = Math.log(q);
    this.log1mQ = Math.log1p(-q);
    this.order = order;
  }

  @Override
  public double delta(double epsilon) {
    return order == Order.WITH_EXAMPLE_FIRST ? withExampleFirst(epsilon) : withoutExampleFirst(epsilon);
  }

  private double withExampleFirst(double eps) {
    if (eps <= log1mQ) {
      return -Math.expm1(eps);
    }
    return Math.min(1, q * base.delta(baseEpsilonWith(eps)));
  }

  /** log(1 + (e^eps - 1)/q) for eps > log(1 - q), written to neither overflow for large eps nor lose digits near 0. */
  private double baseEpsilonWith(double eps) {
    return eps > 0 ? eps + Math.log1p(-Math.exp(log1mQ - eps)) - logQ : Math.log1p(Math.expm1(eps) / q);
  }

  private double withoutExampleFirst(double eps) {
    if (eps >= -log1mQ) {
      return 0;
    }
    double c = -Math.expm1(eps + log1mQ); // 1 - (1 - q) e^eps, in (0, 1]
    return Math.min(1, c * base.delta(eps + logQ - Math.log(c)));
  }

  /** 1 - delta, as (1 - q) + q (1 - delta1) and (1 - c) + c (1 - delta1): sums, no cancellation. */
  @Override
  public double complement(double eps) {
    if (order == Order.WITH_EXAMPLE_FIRST) {
      return eps <= log1mQ ? Math.exp(eps) : Math.min(1, (1 - q) + q * base.complement(baseEpsilonWith(eps)));
    }
    if (eps >= -log1mQ) {
      return 1;
    }
    double oneMinusC = Math.exp(eps + log1mQ);
    double c = -Math.expm1(eps + log1mQ);
    return Math.min(1, oneMinusC + c * base.complement(eps + logQ - Math.log(c)));
  }

  @Override
  public double lowestLoss(double tail) {
    // Base losses under P1 lie in [lo, hi] and, by symmetry, under P0 in [-hi, -lo] (up to tail).
    return order == Order.WITH_EXAMPLE_FIRST
        ? mix(-base.highestLoss(tail))
        : -mix(-base.lowestLoss(tail));
  }

  @Override
  public double highestLoss(double tail) {
    return order == Order.WITH_EXAMPLE_FIRST
        ? mix(base.highestLoss(tail))
        : -mix(-base.highestLoss(tail));
  }

  private double mix(double l) {
    return LogMath.logMix(q, l);
  }
}
