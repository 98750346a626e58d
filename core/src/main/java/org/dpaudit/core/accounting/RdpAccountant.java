package org.dpaudit.core.accounting;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.DoubleStream;
import org.dpaudit.core.Checks;
import org.dpaudit.core.UnsupportedEventException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.NeighbouringRelation;

/**
 * Renyi DP accounting: the moments accountant of DP-SGD, with the tight conversion to (epsilon,
 * delta).
 *
 * <pre>
 *   Ilya Mironov. Renyi Differential Privacy. CSF 2017 (arXiv:1702.07476).
 *   Ilya Mironov, Kunal Talwar, Li Zhang. Renyi Differential Privacy of the Sampled Gaussian
 *   Mechanism. arXiv:1908.10530, 2019.
 *   Martin Abadi et al. Deep Learning with Differential Privacy. CCS 2016.
 * </pre>
 *
 * <p>What it accounts for, per order alpha (all in nats):
 * <ul>
 *   <li>Gaussian (noise multiplier sigma): alpha / (2 sigma^2); sigma = 0 gives infinity (no noise,
 *       no privacy; not an error).
 *   <li>Poisson-sampled Gaussian (rate q): {@link SubsampledGaussianRdp}, at integer and fractional
 *       orders; the sampled event may be any composition of Gaussians on the same batch ({@link
 *       GaussianEquivalent}); nested Poisson sampling multiplies the rates, and rate 1 is no
 *       sampling at all.
 *   <li>Laplace (not subsampled): the closed form of {@link LaplaceRdp}. Poisson-sampled Laplace is
 *       reported unsupported: no implemented RDP bound for it here; the PLD accountant covers it.
 *   <li>SelfComposed multiplies by the count, Composed sums per order, ParallelComposed takes the
 *       per-order maximum (under add/remove-one an example lives in one partition only), NoOp is 0,
 *       NonPrivate is infinity.
 * </ul>
 * Poisson sampling is analysed under add/remove-one neighbours only; under replace-one it is
 * reported unsupported.
 *
 * <p>The default orders ({@link #defaultOrders()}) are dp_accounting's default set (1.1 to 10.9 by
 * 0.1, 11 to 63, 128, 256, 512, 1024) plus 1.02 to 1.08, 64, and more large orders up to 4096 so
 * that very large and very small epsilons still find a good order. More orders can only lower the
 * epsilon (each order gives a valid bound), so this is at or slightly below dp_accounting's value.
 */
public final class RdpAccountant implements Accountant {
  private static final double[] DEFAULT_ORDERS = buildDefaultOrders();

  private final double[] orders;
  private final NeighbouringRelation relation;

  /** Default orders, add/remove-one neighbours. */
  public RdpAccountant() {
    this(NeighbouringRelation.ADD_OR_REMOVE_ONE, DEFAULT_ORDERS);
  }

  /** The given orders (each finite and above 1), add/remove-one neighbours. */
  public RdpAccountant(double... orders) {
    this(NeighbouringRelation.ADD_OR_REMOVE_ONE, orders);
  }

  /** The given orders and neighbouring relation. */
  public RdpAccountant(NeighbouringRelation relation, double... orders) {
    this.relation = Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(orders, "orders");
    Checks.check(orders.length > 0, "orders must not be empty");
    for (double a : orders) {
      if (!(a > 1 && a < Double.POSITIVE_INFINITY)) {
        throw new org.dpaudit.core.InvalidInputException("every Renyi order must be finite and above 1; got " + a);
      }
    }
    this.orders = orders.clone();
  }

  /** dp_accounting's default orders and a few more (see the class comment); a fresh copy. */
  public static double[] defaultOrders() {
    return DEFAULT_ORDERS.clone();
  }

  /** The orders this accountant uses; a copy. */
  public double[] orders() {
    return orders.clone();
  }

  @Override
  public AccountantKind kind() {
    return AccountantKind.RDP;
  }

  @Override
  public boolean supports(DpEvent event) {
    return EventChecks.firstUnsupported(EventChecks.simplify(event), this::supportsNode).isEmpty();
  }

  /**
   * The Renyi divergence bound of {@code event} at each of {@link #orders()}, in nats; {@code
   * +Infinity} where there is no bound.
   *
   * @throws UnsupportedEventException naming the first sub-event this accountant cannot handle
   */
  public double[] rdp(DpEvent event) {
    DpEvent simple = EventChecks.simplify(event);
    EventChecks.requireSupported("RDP", simple, this::supportsNode,
        "; use the PLD accountant for Poisson-sampled Laplace");
    return compute(simple);
  }

  @Override
  public EpsilonResult epsilon(DpEvent event, double delta) {
    EventChecks.delta(delta);
    RdpConversion.Best best = RdpConversion.epsilon(orders, rdp(event), delta);
    boolean finite = best.value() < Double.POSITIVE_INFINITY;
    String note = finite
        ? String.format("Renyi DP over %d orders (%s to %s), tight conversion (Balle et al. 2020, Thm 21)",
            orders.length, fmt(orders[0]), fmt(orders[orders.length - 1]))
        : "infinite at every Renyi order: something is released without noise, so there is no privacy";
    return new EpsilonResult(best.value(), delta, AccountantKind.RDP, true, finite ? best.order() : null, note);
  }

  /** The smallest delta this accountant proves for {@code event} at {@code epsilon >= 0} (for round trips). */
  public double delta(DpEvent event, double epsilon) {
    Checks.nonNegative("epsilon", epsilon);
    return RdpConversion.delta(orders, rdp(event), epsilon).value();
  }

  private boolean supportsNode(DpEvent e) {
    if (e instanceof DpEvent.Unsupported) {
      return false;
    }
    if (e instanceof DpEvent.PoissonSampled p) {
      return relation == NeighbouringRelation.ADD_OR_REMOVE_ONE && sampledGaussian(p) != null;
    }
    return true;
  }

  private double[] compute(DpEvent e) {
    if (e instanceof DpEvent.NoOp) {
      return new double[orders.length];
    }
    if (e instanceof DpEvent.NonPrivate) {
      return filled(Double.POSITIVE_INFINITY);
    }
    if (e instanceof DpEvent.Gaussian g) {
      return perOrder(a -> SubsampledGaussianRdp.rdp(1, g.noiseMultiplier(), a));
    }
    if (e instanceof DpEvent.Laplace l) {
      double eps = l.sensitivity() / l.scale();
      return perOrder(a -> LaplaceRdp.rdp(eps, a));
    }
    if (e instanceof DpEvent.PoissonSampled p) {
      SampledGaussian sg = sampledGaussian(p);
      return sg.sigma < 0 ? new double[orders.length] : perOrder(a -> SubsampledGaussianRdp.rdp(sg.q, sg.sigma, a));
    }
    if (e instanceof DpEvent.SelfComposed s) {
      double[] r = compute(s.event());
      for (int k = 0; k < r.length; k++) {
        r[k] = r[k] == 0 ? 0 : r[k] * s.count();
      }
      return r;
    }
    if (e instanceof DpEvent.Composed c) {
      double[] sum = new double[orders.length];
      for (DpEvent part : c.events()) {
        double[] r = compute(part);
        for (int k = 0; k < sum.length; k++) {
          sum[k] += r[k];
        }
      }
      return sum;
    }
    if (e instanceof DpEvent.ParallelComposed p) {
      double[] max = new double[orders.length];
      for (DpEvent part : p.events()) {
        double[] r = compute(part);
        for (int k = 0; k < max.length; k++) {
          max[k] = Math.max(max[k], r[k]);
        }
      }
      return max;
    }
    throw new UnsupportedEventException("the RDP accountant cannot account for " + e);
  }

  /** A Poisson-sampled event reduced to (q, sigma): sigma = -1 means nothing private is sampled. */
  private record SampledGaussian(double q, double sigma) {}

  /**
   * (q, effective sigma) of a sampled Gaussian composition, or null when the sampled event is not
   * one. Nested sampling is already merged ({@link EventChecks#simplify}).
   */
  private static SampledGaussian sampledGaussian(DpEvent.PoissonSampled p) {
    double q = p.samplingRate();
    DpEvent inner = p.event();
    if (inner instanceof DpEvent.NoOp) {
      return new SampledGaussian(q, -1);
    }
    if (inner instanceof DpEvent.NonPrivate) {
      return new SampledGaussian(q, 0); // infinite at every order: the sampled release has no noise
    }
    OptionalDouble sigma = GaussianEquivalent.noiseMultiplier(inner);
    return sigma.isPresent() ? new SampledGaussian(q, sigma.getAsDouble()) : null;
  }

  private double[] perOrder(java.util.function.DoubleUnaryOperator f) {
    double[] r = new double[orders.length];
    for (int k = 0; k < r.length; k++) {
      r[k] = f.applyAsDouble(orders[k]);
    }
    return r;
  }

  private double[] filled(double v) {
    double[] r = new double[orders.length];
    Arrays.fill(r, v);
    return r;
  }

  private static String fmt(double order) {
    return order == Math.rint(order) ? String.valueOf((long) order) : String.valueOf(order);
  }

  private static double[] buildDefaultOrders() {
    DoubleStream small = DoubleStream.of(1.02, 1.04, 1.06, 1.08);
    DoubleStream tenths = java.util.stream.IntStream.rangeClosed(11, 109).mapToDouble(i -> i / 10.0);
    DoubleStream integers = java.util.stream.IntStream.rangeClosed(11, 64).mapToDouble(i -> i);
    DoubleStream large = DoubleStream.of(72, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512,
        640, 768, 896, 1024, 1536, 2048, 3072, 4096);
    return DoubleStream.concat(DoubleStream.concat(small, tenths), DoubleStream.concat(integers, large)).toArray();
  }
}
