package org.dpaudit.trainers.schemes.enadpp;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dpaudit.core.Checks;
import org.dpaudit.core.accounting.NoiseCalibrator;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.dpaudit.trainers.lrp.Lrp;
import org.dpaudit.trainers.lrp.LrpRule;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.trainers.schemes.DpScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * {@code enadpp-corrected} and {@code adppl-corrected}: the same per-neuron Laplace noise, made
 * provably DP at the stated epsilon. Relevance comes from the w^2 rule on the current weights only
 * (no private data), its ratios normalised to a largest of exactly 1; the base scale is {@code C /
 * epsilon_step}, with epsilon_step calibrated so that every step composed meets the target epsilon
 * at delta (PLD accountant).
 */
public final class RelevanceLaplaceCorrected extends RelevanceLaplace {
  private final double perStepEpsilon;

  RelevanceLaplaceCorrected(Spec spec, double samplingRate, double perStepEpsilon, PrivacyClaim claim) {
    super(spec, samplingRate, claim);
    this.perStepEpsilon = Checks.positive("per-step epsilon", perStepEpsilon);
  }

  /** EnADPP corrected: budget ratios from the normalised information gain of weights-only relevance. */
  public static DpScheme enadpp(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    return create(id, o, ctx, BudgetRatio.ENTROPY_GAIN);
  }

  /** ADPPL corrected: budget ratios are shares of weights-only relevance. */
  public static DpScheme adppl(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    return create(id, o, ctx, BudgetRatio.RELEVANCE_SHARE);
  }

  private static DpScheme create(SchemeId id, SchemeOptions o, SchemeContext ctx, BudgetRatio ratio) {
    double eps = budget(id, ctx);
    double delta = ctx.config().delta();
    Spec spec = new Spec(id.name(), ratio, o.positive("clip-l1", DEFAULT_CLIP_L1), eps, LrpRule.WSQUARE,
        o.positive("lrp-stabiliser", Lrp.DEFAULT_STABILISER), RatioAblations.read(o));
    double perStep = perStepEpsilon(ctx.accounting(), ctx.samplingRate(), ctx.totalSteps(), eps, delta);
    return new RelevanceLaplaceCorrected(spec, ctx.samplingRate(), perStep, new PrivacyClaim(eps, delta,
        String.format(Locale.ROOT, "target epsilon at delta; every step's least-noised coordinate has epsilon_step "
            + "%.5g, calibrated for %d Poisson-sampled steps with the PLD accountant; noise scales from weights-only "
            + "relevance (w^2 rule)", perStep, ctx.totalSteps())));
  }

  /**
   * The least-noised coordinate's per-step epsilon {@code e} such that {@code steps} Poisson-sampled
   * Laplace releases of L1 sensitivity 1 and scale {@code 1/e} compose to {@code target} at {@code
   * delta} under the PLD accountant (a valid upper bound: the calibrated run is (target, delta)-DP).
   *
   * <p>Search: start from the pure-DP (basic composition) answer, {@code e0 = ln(1 + (e^{eps/T} - 1)
   * / q)}, which certainly meets the target; halve the noise while PLD still meets it; then bisect.
   */
  static double perStepEpsilon(RunAccounting accounting, double q, long steps, double target, double delta) {
    double basic = Math.log1p(Math.expm1(target / steps) / q);
    double hi = 1 / basic;
    PrivacyBudget budget = new PrivacyBudget(target, delta);
    double lo = hi / 2;
    for (int i = 0; i < 40 && accounting.pld(event(q, steps, lo), delta).epsilon() <= target; i++) {
      hi = lo;
      lo /= 2;
    }
    double scale = accounting.calibrate(PldAccountant::new, b -> event(q, steps, b), budget,
        new NoiseCalibrator.Bracket(lo, hi), hi * 1e-4);
    return 1 / scale;
  }

  /** {@code steps} Poisson-sampled Laplace releases of sensitivity 1 and scale {@code b}. */
  static DpEvent event(double q, long steps, double b) {
    DpEvent one = new DpEvent.Laplace(b, 1);
    return new DpEvent.SelfComposed(q < 1 ? new DpEvent.PoissonSampled(q, one) : one, steps);
  }

  /** The calibrated epsilon_step of the least-noised coordinate. */
  public double perStepEpsilon() {
    return perStepEpsilon;
  }

  /** {@code C / epsilon_step}, the same at every step. */
  @Override
  public double baseScale(long step) {
    return spec.clipNormL1() / perStepEpsilon;
  }

  /** The budget ratio of the weights-only w^2 relevance, divided by the largest ratio so that it is exactly 1. */
  @Override
  public double[][] ratios(boolean hasBatch, StepContext ctx) {
    return normalisedToMax(ratiosOf(Lrp.dataFree(ctx.network()).meanAbsolute()));
  }

  static double[][] normalisedToMax(double[][] ratios) {
    double max = Arrays.stream(ratios).flatMapToDouble(Arrays::stream).max().orElse(0);
    double[][] out = new double[ratios.length][];
    for (int l = 0; l < out.length; l++) {
      out[l] = new double[ratios[l].length];
      for (int q = 0; q < out[l].length; q++) {
        out[l][q] = max > 0 ? ratios[l][q] / max : 1;
      }
    }
    return out;
  }

  @Override
  public DpEvent stepEvent(long step) {
    return laplaceEvent(step);
  }

  @Override
  public List<String> caveats() {
    return List.of();
  }
}
