package org.dpaudit.core.accounting;

import java.util.Objects;
import java.util.OptionalDouble;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.NeighbouringRelation;

/**
 * Gaussian DP through the central limit theorem: a quick <em>estimate</em> for DP-SGD, not a bound.
 *
 * <pre>
 *   T steps of the Poisson-subsampled Gaussian (rate q, noise multiplier sigma) are approximately
 *   mu-GDP with  mu = q sqrt(T (e^(1/sigma^2) - 1))  as T grows with q sqrt(T) fixed; an
 *   unsubsampled Gaussian is exactly (1/sigma)-GDP, and GDP composes as mu^2 = sum_i mu_i^2.
 *   mu-GDP gives (eps, delta(eps))-DP for every eps with
 *     delta(eps) = Phi(-eps/mu + mu/2) - e^eps Phi(-eps/mu - mu/2).
 *
 *   Jinshuo Dong, Aaron Roth, Weijie Su. Gaussian Differential Privacy. JRSS-B 84(1), 2022
 *   (arXiv:1905.02383), Corollaries 2.13 and 5.4, and Section 5 (the CLT for subsampling).
 *   Zhiqi Bu, Jinshuo Dong, Qi Long, Weijie Su. Deep Learning with Gaussian Differential Privacy.
 *   Harvard Data Science Review, 2020.
 * </pre>
 * The CLT value is known to <em>underestimate</em> epsilon for small T or large q (it is the
 * accountant users ask "why does GDP give less than RDP?" about), so results with any subsampled
 * part have {@code upperBound = false} and say so. Without subsampling the value is exact and is an
 * upper bound. A parallel composition takes the largest mu; Laplace steps are unsupported.
 */
public final class GdpCltAccountant implements Accountant {
  private final NeighbouringRelation relation;

  /** Add/remove-one neighbours. */
  public GdpCltAccountant() {
    this(NeighbouringRelation.ADD_OR_REMOVE_ONE);
  }

  /** The given neighbouring relation (Poisson sampling needs add/remove-one). */
  public GdpCltAccountant(NeighbouringRelation relation) {
    this.relation = Objects.requireNonNull(relation, "relation");
  }

  @Override
  public AccountantKind kind() {
    return AccountantKind.GDP_CLT;
  }

  @Override
  public boolean supports(DpEvent event) {
    return EventChecks.firstUnsupported(EventChecks.simplify(event), this::supportsNode).isEmpty();
  }

  private boolean supportsNode(DpEvent e) {
    if (e instanceof DpEvent.Gaussian || e instanceof DpEvent.NoOp || e instanceof DpEvent.NonPrivate) {
      return true;
    }
    if (e instanceof DpEvent.PoissonSampled p) {
      return relation == NeighbouringRelation.ADD_OR_REMOVE_ONE
          && (p.event() instanceof DpEvent.NoOp || GaussianEquivalent.noiseMultiplier(p.event()).isPresent());
    }
    return false;
  }

  /** mu^2 of an event and whether any part of it is a CLT approximation. */
  private record Mu2(double value, boolean approximate) {}

  @Override
  public EpsilonResult epsilon(DpEvent original, double delta) {
    EventChecks.delta(delta);
    DpEvent event = EventChecks.simplify(original);
    EventChecks.requireSupported("GDP", event, this::supportsNode,
        "; the GDP estimate covers Gaussian steps, optionally Poisson-sampled");
    Mu2 mu2 = mu2(event);
    double mu = Math.sqrt(mu2.value);
    double eps = epsilonForMu(mu, delta);
    String note = eps == Double.POSITIVE_INFINITY
        ? "something is released without noise, so there is no privacy"
        : mu2.approximate
            ? String.format("APPROXIMATION, not a bound: mu-GDP with mu = %.6g from the central limit theorem"
                + " (Dong, Roth, Su 2022); it can underestimate epsilon for few steps or large q", mu)
            : String.format("exact: mu-GDP with mu = %.6g (no subsampling)", mu);
    return new EpsilonResult(eps, delta, AccountantKind.GDP_CLT, !mu2.approximate, null, note);
  }

  /** The GDP parameter mu of {@code event} (CLT for subsampled parts). */
  public double mu(DpEvent event) {
    DpEvent simple = EventChecks.simplify(event);
    EventChecks.requireSupported("GDP", simple, this::supportsNode, "");
    return Math.sqrt(mu2(simple).value);
  }

  private static Mu2 mu2(DpEvent e) {
    if (e instanceof DpEvent.NoOp) {
      return new Mu2(0, false);
    }
    if (e instanceof DpEvent.NonPrivate) {
      return new Mu2(Double.POSITIVE_INFINITY, false);
    }
    if (e instanceof DpEvent.Gaussian g) {
      double s = g.noiseMultiplier();
      return new Mu2(s == 0 ? Double.POSITIVE_INFINITY : 1 / (s * s), false);
    }
    if (e instanceof DpEvent.PoissonSampled p) {
      OptionalDouble sigma = GaussianEquivalent.noiseMultiplier(p.event());
      if (sigma.isEmpty()) {
        return new Mu2(0, false); // a sampled NoOp
      }
      double s = sigma.getAsDouble();
      double q = p.samplingRate();
      // per-step contribution to mu^2 in the CLT: q^2 (e^(1/sigma^2) - 1)
      return new Mu2(s == 0 ? Double.POSITIVE_INFINITY : q * q * Math.expm1(1 / (s * s)), true);
    }
    if (e instanceof DpEvent.SelfComposed s) {
      Mu2 inner = mu2(s.event());
      return new Mu2(inner.value == 0 ? 0 : inner.value * s.count(), inner.approximate);
    }
    if (e instanceof DpEvent.Composed c) {
      double sum = 0;
      boolean approx = false;
      for (DpEvent part : c.events()) {
        Mu2 m = mu2(part);
        sum += m.value;
        approx |= m.approximate;
      }
      return new Mu2(sum, approx);
    }
    DpEvent.ParallelComposed p = (DpEvent.ParallelComposed) e;
    double max = 0;
    boolean approx = false;
    for (DpEvent part : p.events()) {
      Mu2 m = mu2(part);
      max = Math.max(max, m.value);
      approx |= m.approximate;
    }
    return new Mu2(max, approx);
  }

  /**
   * The smallest eps >= 0 with delta(eps; mu) <= delta, by bisection (the curve decreases in eps);
   * the upper end of the final bracket is returned, so delta(eps) <= delta holds exactly as computed.
   */
  static double epsilonForMu(double mu, double delta) {
    if (mu == 0) {
      return 0;
    }
    if (mu == Double.POSITIVE_INFINITY) {
      return Double.POSITIVE_INFINITY;
    }
    GaussianHockeyStick curve = new GaussianHockeyStick(1 / mu);
    if (curve.delta(0) <= delta) {
      return 0;
    }
    // delta(eps) <= Phi(mu/2 - eps/mu) <= delta once eps >= mu^2/2 + mu z, z = Phi^-1(1 - delta).
    double hi = Math.max(1e-300, curve.highestLoss(delta));
    double lo = 0;
    while (curve.delta(hi) > delta) {
      lo = hi;
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
      double mid = (lo + hi) / 2;
      if (curve.delta(mid) > delta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }
}
