package org.dpaudit.trainers.schemes.enadpp;

import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.LinearLayer;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.lrp.Lrp;
import org.dpaudit.trainers.lrp.LrpRule;
import org.dpaudit.trainers.schemes.DpScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * {@code enadpp} and {@code adppl} as published: relevance by LRP on the private batch, and
 * {@code Lap(Delta_omega_t / epsilon_q)} with {@code Delta_omega_t = 2 gamma_t C / E} (eq. 7) and
 * {@code epsilon_q = rho_q epsilon}, exactly as Algorithm 1 line 14 writes it.
 *
 * <p>The per-neuron noise scales are chosen from relevance computed on the private batch, and the
 * release reveals them (all weights of a neuron share one): a statistic of the batch released
 * without noise, which the ledger records as a non-private release beside the Laplace noise (as
 * icgc-dp records its medians), so no finite epsilon is proven.
 */
public final class RelevanceLaplaceAsPublished extends RelevanceLaplace {
  private final double expectedBatchSize;
  private final OptimConfig optim;
  private final long totalSteps;

  RelevanceLaplaceAsPublished(Spec spec, SchemeContext ctx, PrivacyClaim claim) {
    super(spec, ctx.samplingRate(), claim);
    this.expectedBatchSize = ctx.expectedBatchSize();
    this.optim = ctx.optim();
    this.totalSteps = ctx.totalSteps();
  }

  /** EnADPP: budget ratios from the normalised information gain. */
  public static DpScheme enadpp(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    return create(id, o, ctx, BudgetRatio.ENTROPY_GAIN);
  }

  /** ADPPL: budget ratios are relevance shares. */
  public static DpScheme adppl(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    return create(id, o, ctx, BudgetRatio.RELEVANCE_SHARE);
  }

  private static DpScheme create(SchemeId id, SchemeOptions o, SchemeContext ctx, BudgetRatio ratio) {
    double eps = budget(id, ctx);
    Spec spec = new Spec(id.name(), ratio, o.positive("clip-l1", DEFAULT_CLIP_L1), eps,
        lrpRule(o.text("lrp-rule", "epsilon")), o.positive("lrp-stabiliser", Lrp.DEFAULT_STABILISER),
        RatioAblations.read(o));
    return new RelevanceLaplaceAsPublished(spec, ctx, claim(ratio, eps));
  }

  private static LrpRule lrpRule(String name) {
    return switch (name) {
      case "epsilon" -> LrpRule.EPSILON;
      case "zplus" -> LrpRule.ZPLUS;
      default -> throw new InvalidInputException("lrp-rule must be epsilon or zplus; got '" + name + "'");
    };
  }

  /** What each paper claims: the privacy budget epsilon, pure, for the whole run. */
  static PrivacyClaim claim(BudgetRatio ratio, double eps) {
    String basis = ratio == BudgetRatio.ENTROPY_GAIN
        ? "seed 000 (Zhang et al. 2023), proof after Algorithm 2: each update with Lap(Delta_omega_t / epsilon_q) is "
            + "epsilon-DP, batches assumed disjoint, so the run is claimed epsilon-DP (no composition over steps)"
        : "ADPPL (Gong et al. 2020) as seed 000 runs it: privacy budget epsilon split over neurons by relevance "
            + "share, Laplace noise as EnADPP's, claimed epsilon-DP for the run (no composition over steps)";
    return new PrivacyClaim(eps, 0, basis);
  }

  /** {@code Delta_omega_t / epsilon = 2 gamma_t C / (E epsilon)}. */
  @Override
  public double baseScale(long step) {
    double gamma = optim.lrSchedule().at(optim.learningRate(), step, totalSteps);
    return 2 * gamma * spec.clipNormL1() / (expectedBatchSize * spec.epsilon());
  }

  /** The budget ratio of the relevance LRP finds on this batch (every ratio 1 when the batch is empty). */
  @Override
  public double[][] ratios(boolean hasBatch, StepContext ctx) {
    DpNetwork net = ctx.network();
    if (!hasBatch) {
      List<LinearLayer> dense = Lrp.denseLayers(net);
      double[][] out = new double[dense.size()][];
      for (int l = 0; l < out.length; l++) {
        out[l] = ones((int) dense.get(l).parameters().get(0).getShape().get(0));
      }
      return out;
    }
    return ratiosOf(Lrp.explain(net, ctx.inputs(), ctx.labels(), spec.lrpRule(), spec.lrpStabiliser()).meanAbsolute());
  }

  /** The Laplace noise, and the data-dependent noise scales released without noise. */
  @Override
  public DpEvent stepEvent(long step) {
    return new DpEvent.Composed(List.of(laplaceEvent(step), new DpEvent.NonPrivate()));
  }

  @Override
  public List<String> caveats() {
    return List.of("per-neuron noise scales are chosen from layer-wise relevance computed on the private batch and "
        + "the release reveals them (all weights of a neuron share one): a statistic of the batch released without "
        + "noise, which the ledger records as a non-private release, so no finite epsilon is proven (the Laplace "
        + "noise alone, were its scales fixed in advance, is the other part of each step; " + spec.name()
        + "-corrected is provably DP)");
  }
}
