package org.dpaudit.core.accounting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.NeighbouringRelation;

/**
 * Composition of pure epsilon-DP steps: the better of basic and advanced composition. The classic
 * bound, for schemes built from the Laplace mechanism; looser than RDP or PLD, but it needs nothing
 * beyond each step's epsilon.
 *
 * <pre>
 *   Each step i is eps_i-DP. Then, adaptively composed:
 *     basic:    eps = sum_i eps_i                                              (delta = 0)
 *     advanced: eps = sqrt(2 ln(1/delta) sum_i eps_i^2) + sum_i eps_i (e^eps_i - 1)   (at delta)
 *
 *   Cynthia Dwork, Guy Rothblum, Salil Vadhan. Boosting and Differential Privacy. FOCS 2010,
 *   Theorem III.3; Cynthia Dwork, Aaron Roth. The Algorithmic Foundations of Differential Privacy,
 *   2014, Theorem 3.20. The proof (a martingale whose i-th increment lies in [-eps_i, eps_i] and has
 *   mean at most eps_i (e^eps_i - 1), then Azuma-Hoeffding) gives the form above for unequal eps_i;
 *   with equal eps_i it is the textbook sqrt(2k ln(1/delta)) eps + k eps (e^eps - 1).
 *
 *   Steps: Laplace with scale b and L1 sensitivity s is (s/b)-DP. A step run on a Poisson subsample
 *   with rate q of an eps-DP mechanism is log(1 + q (e^eps - 1))-DP under add/remove-one
 *   (Ninghui Li, Wahbeh Qardaji, Dong Su. On Sampling, Anonymization, and Differential Privacy.
 *   ASIACCS 2012; Balle, Barthe, Gaboardi, NeurIPS 2018, Theorem 8).
 * </pre>
 * Structure: a Poisson-sampled sub-event or one parallel composition (the worst partition, by basic
 * composition inside it) counts as one step. NoOp is 0; NonPrivate is infinite. Gaussian events have
 * no pure-DP epsilon and are unsupported.
 */
public final class PureDpComposition implements Accountant {
  private final NeighbouringRelation relation;

  /** Add/remove-one neighbours. */
  public PureDpComposition() {
    this(NeighbouringRelation.ADD_OR_REMOVE_ONE);
  }

  /** The given neighbouring relation (Poisson sampling needs add/remove-one). */
  public PureDpComposition(NeighbouringRelation relation) {
    this.relation = Objects.requireNonNull(relation, "relation");
  }

  @Override
  public AccountantKind kind() {
    return AccountantKind.PURE_DP;
  }

  @Override
  public boolean supports(DpEvent event) {
    return EventChecks.firstUnsupported(event, this::supportsNode).isEmpty();
  }

  private boolean supportsNode(DpEvent e) {
    if (e instanceof DpEvent.Laplace || e instanceof DpEvent.NoOp || e instanceof DpEvent.NonPrivate) {
      return true;
    }
    if (e instanceof DpEvent.PoissonSampled p) {
      return relation == NeighbouringRelation.ADD_OR_REMOVE_ONE && supports(p.event());
    }
    return false;
  }

  @Override
  public EpsilonResult epsilon(DpEvent event, double delta) {
    EventChecks.delta(delta);
    EventChecks.requireSupported("pure-DP composition", event, this::supportsNode,
        "; only Laplace (optionally Poisson-sampled) steps have a pure-DP epsilon: use the RDP or PLD accountant");
    List<Step> steps = new ArrayList<>();
    collect(event, 1, steps);
    double basic = 0;
    double sumSquares = 0;
    double meanTerms = 0;
    for (Step s : steps) {
      basic += s.count * s.eps;
      sumSquares += s.count * s.eps * s.eps;
      meanTerms += s.count * s.eps * Math.expm1(s.eps);
    }
    double advanced = Math.sqrt(2 * Math.log(1 / delta) * sumSquares) + meanTerms;
    double eps = Math.min(basic, Double.isNaN(advanced) ? Double.POSITIVE_INFINITY : advanced);
    String note = eps == Double.POSITIVE_INFINITY
        ? "something is released without noise, so there is no privacy"
        : (advanced < basic ? "advanced composition (Dwork, Rothblum, Vadhan 2010)"
            : "basic composition (sum of the steps' pure-DP epsilons; holds with delta = 0)");
    return new EpsilonResult(eps, delta, AccountantKind.PURE_DP, true, null, note);
  }

  /** One pure-DP step with its epsilon, repeated {@code count} times. */
  private record Step(double eps, double count) {}

  private static void collect(DpEvent e, double count, List<Step> out) {
    if (e instanceof DpEvent.SelfComposed s) {
      collect(s.event(), count * s.count(), out);
    } else if (e instanceof DpEvent.Composed c) {
      c.events().forEach(part -> collect(part, count, out));
    } else if (!(e instanceof DpEvent.NoOp)) {
      out.add(new Step(stepEpsilon(e), count));
    }
  }

  /** The pure-DP epsilon of one event by basic composition inside it. */
  static double stepEpsilon(DpEvent e) {
    if (e instanceof DpEvent.Laplace l) {
      return l.sensitivity() / l.scale();
    }
    if (e instanceof DpEvent.NonPrivate) {
      return Double.POSITIVE_INFINITY;
    }
    if (e instanceof DpEvent.PoissonSampled p) {
      double inner = stepEpsilon(p.event());
      return inner == Double.POSITIVE_INFINITY ? inner : LogMath.logMix(p.samplingRate(), inner);
    }
    if (e instanceof DpEvent.SelfComposed s) {
      return s.count() * stepEpsilon(s.event());
    }
    if (e instanceof DpEvent.Composed c) {
      return c.events().stream().mapToDouble(PureDpComposition::stepEpsilon).sum();
    }
    if (e instanceof DpEvent.ParallelComposed p) {
      return p.events().stream().mapToDouble(PureDpComposition::stepEpsilon).max().orElse(0);
    }
    return 0; // NoOp
  }
}
