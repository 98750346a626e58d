package org.dpaudit.trainers.schemes;

import java.util.Locale;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.NoiseCalibrator;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.lrp.Lrp;
import org.dpaudit.trainers.lrp.LrpRule;
import org.dpaudit.trainers.run.RunAccounting;

/**
 * Builds ADPPL and EnADPP, as published and corrected: options, claims, and for the corrected
 * variants the per-step epsilon that makes the whole run meet its target.
 */
final class LaplaceSchemes {
  /**
   * C for L1 clipping. Seed 000 gives no value. The usual rule is C near the median per-example
   * norm: for the untrained {@code mlp} on MNIST the L1 norms measured here have quantiles 244 / 361
   * / 497 (10% / 50% / 90%, 256 examples), and they fall as training proceeds, so 300.
   */
  static final double DEFAULT_CLIP_L1 = 300;

  private LaplaceSchemes() {}

  /** EnADPP: budget ratios from the normalised information gain. */
  static DpScheme enadpp(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    return create(id, o, ctx, BudgetRatio.ENTROPY_GAIN);
  }

  /** ADPPL: budget ratios are relevance shares. */
  static DpScheme adppl(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    return create(id, o, ctx, BudgetRatio.RELEVANCE_SHARE);
  }

  private static DpScheme create(SchemeId id, SchemeOptions o, SchemeContext ctx, BudgetRatio ratio) {
    PrivacyConfig cfg = ctx.config();
    String name = id.name();
    boolean corrected = id.corrected();
    if (cfg.targetEpsilon() == null || cfg.noiseMultiplier() != null) {
      throw new InvalidInputException("scheme " + name + " adds Laplace noise from its privacy budget: give --epsilon "
          + "(and no --noise-multiplier)");
    }
    double eps = cfg.targetEpsilon();
    double clip = o.positive("clip-l1", DEFAULT_CLIP_L1);
    LrpRule rule = corrected ? LrpRule.WSQUARE : lrpRule(o.text("lrp-rule", "epsilon"));
    double stabiliser = o.positive("lrp-stabiliser", Lrp.DEFAULT_STABILISER);
    if (!corrected) {
      var spec = new RelevanceLaplaceScheme.Spec(name, ratio, Variant.AS_PUBLISHED, clip, eps, 0, rule, stabiliser);
      return new RelevanceLaplaceScheme(spec, ctx, publishedClaim(ratio, eps));
    }
    double perStep = perStepEpsilon(ctx.accounting(), ctx.samplingRate(), ctx.totalSteps(), eps, cfg.delta());
    var spec = new RelevanceLaplaceScheme.Spec(name, ratio, Variant.CORRECTED, clip, eps, perStep, rule, stabiliser);
    return new RelevanceLaplaceScheme(spec, ctx, new PrivacyClaim(eps, cfg.delta(), String.format(Locale.ROOT,
        "target epsilon at delta; every step's least-noised coordinate has epsilon_step %.5g, calibrated for %d "
            + "Poisson-sampled steps with the PLD accountant; noise scales from weights-only relevance (w^2 rule)",
        perStep, ctx.totalSteps())));
  }

  private static LrpRule lrpRule(String name) {
    return switch (name) {
      case "epsilon" -> LrpRule.EPSILON;
      case "zplus" -> LrpRule.ZPLUS;
      default -> throw new InvalidInputException("lrp-rule must be epsilon or zplus; got '" + name + "'");
    };
  }

  /** What each paper claims: the privacy budget epsilon, pure, for the whole run. */
  static PrivacyClaim publishedClaim(BudgetRatio ratio, double eps) {
    String basis = ratio == BudgetRatio.ENTROPY_GAIN
        ? "seed 000 (Zhang et al. 2023), proof after Algorithm 2: each update with Lap(Delta_omega_t / epsilon_q) is "
            + "epsilon-DP, batches assumed disjoint, so the run is claimed epsilon-DP (no composition over steps)"
        : "ADPPL (Gong et al. 2020) as seed 000 runs it: privacy budget epsilon split over neurons by relevance "
            + "share, Laplace noise as EnADPP's, claimed epsilon-DP for the run (no composition over steps)";
    return new PrivacyClaim(eps, 0, basis);
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
}
