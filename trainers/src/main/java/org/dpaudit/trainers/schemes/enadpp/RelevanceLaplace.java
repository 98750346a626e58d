package org.dpaudit.trainers.schemes.enadpp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.LinearLayer;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.lrp.Lrp;
import org.dpaudit.trainers.lrp.LrpRule;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.schemes.NoisySumScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * Relevance-based adaptive Laplace noise: seed 000's EnADPP (Zhang et al. 2023, Algorithms 1-2)
 * and its baseline ADPPL (Gong et al. 2020). The variants differ in where the relevance and the
 * base scale come from ({@link RelevanceLaplaceAsPublished}, {@link RelevanceLaplaceCorrected}).
 *
 * <pre>
 * c_i     = min(1, C / ||g_i||_1)                         per-example L1 clipping (Alg. 1, lines 11-12)
 * rho_q   = the neuron's budget ratio ({@link BudgetRatio} of its layer's relevance)
 * b_q     = base_t / rho_q                                 one Laplace scale per neuron (its row and bias)
 * g~      = (sum_i c_i g_i + Lap(b)) / E                   noise on the clipped sum, divided by E = q N
 * event   = PoissonSampled(q, Laplace(base_t, C))          per step
 * </pre>
 * Why that event: neighbouring sums differ by a vector v with {@code ||v||_1 <= C} (add/remove
 * one), and the density ratio of a Laplace vector with scales b_j is at most {@code exp(sum_j |v_j|
 * / b_j) <= exp(C / min_j b_j)}, with equality when v sits on a least-noised coordinate. So the
 * worst coordinate bounds the whole vector: {@code min_j b_j = base_t / max_q rho_q >= base_t}
 * (max rho is exactly 1 for EnADPP and the corrected variants, at most 1 for ADPPL's shares).
 */
public abstract sealed class RelevanceLaplace extends NoisySumScheme
    permits RelevanceLaplaceAsPublished, RelevanceLaplaceCorrected {
  /**
   * C for L1 clipping. Seed 000 gives no value. The usual rule is C near the median per-example
   * norm: for the untrained {@code mlp} on MNIST the L1 norms measured here have quantiles 244 / 361
   * / 497 (10% / 50% / 90%, 256 examples), and they fall as training proceeds, so 300.
   */
  public static final double DEFAULT_CLIP_L1 = 300;

  /**
   * What the scheme is made of.
   *
   * @param clipNormL1 C, the per-example L1 clipping bound
   * @param epsilon the paper's privacy budget epsilon (as published), or the target for the whole run
   *     (corrected)
   * @param lrpRule the propagation rule (as published: on the private batch; corrected: w^2)
   * @param lrpStabiliser the epsilon rule's stabiliser
   * @param ablations what the run changes in the ratios (the paper's: {@link RatioAblations#NONE})
   */
  public record Spec(String name, BudgetRatio ratio, double clipNormL1, double epsilon, LrpRule lrpRule,
      double lrpStabiliser, RatioAblations ablations) {
    public Spec {
      Checks.notNull("name", name);
      Checks.notNull("ratio", ratio);
      Checks.positive("L1 clipping bound", clipNormL1);
      Checks.positive("epsilon", epsilon);
      Checks.notNull("lrpRule", lrpRule);
      Checks.positive("LRP stabiliser", lrpStabiliser);
      Checks.notNull("ablations", ablations);
    }
  }

  final Spec spec;
  final double samplingRate;
  private final PrivacyClaim claim;
  /** With {@code relevance=once}: the first batch's ratios, kept (a resumed run recomputes them). */
  private double[][] keptRatios;
  private final RatioTrace trace = new RatioTrace();

  RelevanceLaplace(Spec spec, double samplingRate, PrivacyClaim claim) {
    this.spec = spec;
    this.samplingRate = samplingRate;
    this.claim = claim;
  }

  /** The epsilon both variants start from: {@code --epsilon}, and no {@code --noise-multiplier}. */
  static double budget(SchemeId id, SchemeContext ctx) {
    PrivacyConfig cfg = ctx.config();
    if (cfg.targetEpsilon() == null || cfg.noiseMultiplier() != null) {
      throw new InvalidInputException("scheme " + id + " adds Laplace noise from its privacy budget: give --epsilon "
          + "(and no --noise-multiplier)");
    }
    return cfg.targetEpsilon();
  }

  @Override
  public String name() {
    return spec.name();
  }

  /** The scheme's parts. */
  public Spec spec() {
    return spec;
  }

  @Override
  public NDList privatize(PerSampleGradients grads, StepContext ctx) {
    List<LinearLayer> dense = Lrp.denseLayers(ctx.network());
    double e = ctx.expectedBatchSize();
    NDList sum = grads == null ? emptySum(ctx) : grads.weightedSum(clipCoefficients(grads, e));
    int audit = ctx.canaries() == null ? 0 : ctx.canaries().auditSize();
    NeuronNoise layout = NeuronNoise.of(ctx.manager(), dense, stepRatios(ctx.inputs() != null, ctx),
        baseScale(ctx.step()) / e, audit);
    NDArray z = ctx.noise().laplace(ctx.manager(), ctx.step(), layout.scales());
    return layout.mask(NoiseSource.addNoise(sum, z));
  }

  /** This step's ratios with the run's ablations ({@link RatioAblations}) applied. */
  private double[][] stepRatios(boolean hasBatch, StepContext ctx) {
    double[][] r = keptRatios != null ? keptRatios : spec.ablations().apply(ratios(hasBatch, ctx));
    keptRatios = spec.ablations().once() && hasBatch ? r : keptRatios;
    trace.record(ctx.step(), r);
    return r;
  }

  /** The output layer's relevance and ratios at the run's first and latest step, or null before a step. */
  public BudgetRatioTrace ratioTrace() {
    return trace.trace(spec.name());
  }

  /** L1 clipping coefficients {@code min(1, C / ||g_i||_1)}, shape (B). */
  public NDArray clipCoefficients(PerSampleGradients grads) {
    return clipCoefficients(grads, 1);
  }

  /** {@link #clipCoefficients(PerSampleGradients)} divided by {@code divisor}, computed together. */
  private NDArray clipCoefficients(PerSampleGradients grads, double divisor) {
    return clipCoefficients(grads.l1Norms(), spec.clipNormL1(), divisor);
  }

  /** The Laplace scale of a neuron with ratio 1 at step {@code step}, on the clipped sum. */
  public abstract double baseScale(long step);

  /** Per-layer neuron ratios rho for this step ({@code hasBatch}: the sampled batch has an example). */
  public abstract double[][] ratios(boolean hasBatch, StepContext ctx);

  /**
   * Each layer's ratios. A layer whose relevance is not finite (the model has diverged: its weights
   * overflowed) gets ratio 1 everywhere, so that the step still runs (and the run still finishes
   * with the accuracy it has) instead of failing on a NaN budget.
   */
  double[][] ratiosOf(double[][] relevance) {
    trace.relevance(relevance);
    double[][] out = new double[relevance.length][];
    for (int l = 0; l < out.length; l++) {
      boolean finite = Arrays.stream(relevance[l]).allMatch(Double::isFinite);
      out[l] = finite ? spec.ratio().ratios(relevance[l]) : ones(relevance[l].length);
    }
    return out;
  }

  static double[] ones(int n) {
    double[] o = new double[n];
    Arrays.fill(o, 1);
    return o;
  }

  /** The L1 clipping bound C: the L1 sensitivity of the clipped sum under add/remove-one. */
  @Override
  public OptionalDouble sumSensitivity(long step) {
    return OptionalDouble.of(spec.clipNormL1());
  }

  /**
   * Laplace noise of the least-noised coordinate on a sum of L1 sensitivity C, on a Poisson sample:
   * by the argument in the class comment, this bounds the whole step's noise.
   */
  DpEvent laplaceEvent(long step) {
    return new DpEvent.PoissonSampled(samplingRate, new DpEvent.Laplace(baseScale(step), spec.clipNormL1()));
  }

  @Override
  public PrivacyClaim claim() {
    return claim;
  }
}
