package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.Checks;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.LinearLayer;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.lrp.Lrp;
import org.dpaudit.trainers.lrp.LrpRule;
import org.dpaudit.trainers.noise.NoiseSource;

/**
 * Relevance-based adaptive Laplace noise: seed 000's EnADPP (Zhang et al. 2023, Algorithms 1-2)
 * and its baseline ADPPL (Gong et al. 2020), as published and corrected.
 *
 * <pre>
 * c_i     = min(1, C / ||g_i||_1)                         per-example L1 clipping (Alg. 1, lines 11-12)
 * rho_q   = the neuron's budget ratio ({@link BudgetRatio} of its layer's relevance)
 * b_q     = base_t / rho_q                                 one Laplace scale per neuron (its row and bias)
 * g~      = (sum_i c_i g_i + Lap(b)) / E                   noise on the clipped sum, divided by E = q N
 *
 * as published:  relevance by LRP on the private batch; base_t = Delta_omega_t / epsilon with
 *                Delta_omega_t = 2 gamma_t C / E (eq. 7), i.e. Lap(Delta_omega_t / epsilon_q),
 *                epsilon_q = rho_q epsilon, exactly as Alg. 1 line 14 writes it
 * corrected:     relevance by the w^2 rule on the current weights only (no private data);
 *                base = C / epsilon_step, epsilon_step calibrated so that every step composed
 *                meets the target epsilon at delta (PLD accountant); rho normalised to max 1
 *
 * event = PoissonSampled(q, Laplace(base_t, C))             per step
 * </pre>
 * Why that event: neighbouring sums differ by a vector v with {@code ||v||_1 <= C} (add/remove
 * one), and the density ratio of a Laplace vector with scales b_j is at most {@code exp(sum_j |v_j|
 * / b_j) <= exp(C / min_j b_j)}, with equality when v sits on a least-noised coordinate. So the
 * worst coordinate bounds the whole vector: {@code min_j b_j = base_t / max_q rho_q >= base_t}
 * (max rho is exactly 1 for EnADPP and the corrected variants, at most 1 for ADPPL's shares).
 */
public final class RelevanceLaplaceScheme extends NoisySumScheme {
  /**
   * What the scheme is made of.
   *
   * @param clipNormL1 C, the per-example L1 clipping bound
   * @param epsilon the paper's privacy budget epsilon (as published), or the target for the whole run
   *     (corrected)
   * @param perStepEpsilon corrected: the calibrated epsilon_step of the least-noised coordinate;
   *     as published: unused (0)
   * @param lrpRule the propagation rule on the private batch (as published; corrected uses w^2)
   * @param lrpStabiliser the epsilon rule's stabiliser
   */
  public record Spec(
      String name, BudgetRatio ratio, Variant variant, double clipNormL1, double epsilon, double perStepEpsilon,
      LrpRule lrpRule, double lrpStabiliser) {
    public Spec {
      Checks.notNull("name", name);
      Checks.notNull("ratio", ratio);
      Checks.notNull("variant", variant);
      Checks.positive("L1 clipping bound", clipNormL1);
      Checks.positive("epsilon", epsilon);
      Checks.check(variant == Variant.AS_PUBLISHED || perStepEpsilon > 0,
          "a corrected scheme needs a positive per-step epsilon; got " + perStepEpsilon);
      Checks.notNull("lrpRule", lrpRule);
      Checks.positive("LRP stabiliser", lrpStabiliser);
    }
  }

  private final Spec spec;
  private final double samplingRate;
  private final double expectedBatchSize;
  private final OptimConfig optim;
  private final long totalSteps;
  private final PrivacyClaim claim;

  public RelevanceLaplaceScheme(Spec spec, SchemeContext ctx, PrivacyClaim claim) {
    this.spec = spec;
    this.samplingRate = ctx.samplingRate();
    this.expectedBatchSize = ctx.expectedBatchSize();
    this.optim = ctx.optim();
    this.totalSteps = ctx.totalSteps();
    this.claim = claim;
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
    NDList sum = grads == null ? emptySum(ctx) : grads.weightedSum(clipCoefficients(grads).div(e));
    int audit = ctx.canaries() == null ? 0 : ctx.canaries().auditSize();
    NeuronNoise layout = NeuronNoise.of(ctx.manager(), dense, ratios(ctx.inputs() != null, ctx),
        baseScale(ctx.step()) / e, audit);
    NDArray z = ctx.noise().laplace(ctx.manager(), ctx.step(), layout.scales());
    return layout.mask(NoiseSource.addNoise(sum, z));
  }

  /** L1 clipping coefficients {@code min(1, C / ||g_i||_1)}, shape (B). */
  public NDArray clipCoefficients(PerSampleGradients grads) {
    return clipCoefficients(grads.l1Norms(), spec.clipNormL1());
  }

  /**
   * The Laplace scale of a neuron with ratio 1 at step {@code step}, on the clipped sum: {@code
   * Delta_omega_t / epsilon = 2 gamma_t C / (E epsilon)} as published, {@code C / epsilon_step}
   * corrected.
   */
  public double baseScale(long step) {
    if (spec.variant() == Variant.CORRECTED) {
      return spec.clipNormL1() / spec.perStepEpsilon();
    }
    double gamma = optim.lrSchedule().at(optim.learningRate(), step, totalSteps);
    return 2 * gamma * spec.clipNormL1() / (expectedBatchSize * spec.epsilon());
  }

  /**
   * Per-layer neuron ratios rho. As published: the budget ratio of the relevance LRP finds on this
   * batch (every ratio 1 when the sampled batch is empty). Corrected: of the weights-only w^2
   * relevance, divided by the largest ratio so that it is exactly 1.
   */
  double[][] ratios(boolean hasBatch, StepContext ctx) {
    DpNetwork net = ctx.network();
    if (spec.variant() == Variant.CORRECTED) {
      return normalisedToMax(ratiosOf(Lrp.dataFree(net).meanAbsolute()));
    }
    if (!hasBatch) {
      return ones(Lrp.denseLayers(net));
    }
    return ratiosOf(Lrp.explain(net, ctx.inputs(), ctx.labels(), spec.lrpRule(), spec.lrpStabiliser()).meanAbsolute());
  }

  /**
   * Each layer's ratios. A layer whose relevance is not finite (the model has diverged: its weights
   * overflowed) gets ratio 1 everywhere, so that the step still runs (and the run still finishes
   * with the accuracy it has) instead of failing on a NaN budget.
   */
  private double[][] ratiosOf(double[][] relevance) {
    double[][] out = new double[relevance.length][];
    for (int l = 0; l < out.length; l++) {
      boolean finite = Arrays.stream(relevance[l]).allMatch(Double::isFinite);
      out[l] = finite ? spec.ratio().ratios(relevance[l]) : ones(relevance[l].length);
    }
    return out;
  }

  private static double[] ones(int n) {
    double[] o = new double[n];
    Arrays.fill(o, 1);
    return o;
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

  private static double[][] ones(List<LinearLayer> dense) {
    double[][] out = new double[dense.size()][];
    for (int l = 0; l < out.length; l++) {
      out[l] = ones((int) dense.get(l).parameters().get(0).getShape().get(0));
    }
    return out;
  }

  /** The L1 clipping bound C: the L1 sensitivity of the clipped sum under add/remove-one. */
  @Override
  public java.util.OptionalDouble sumSensitivity(long step) {
    return java.util.OptionalDouble.of(spec.clipNormL1());
  }

  /**
   * Laplace noise of the least-noised coordinate on a sum of L1 sensitivity C, on a Poisson sample:
   * by the argument in the class comment, this bounds the whole step's noise. As published, the step
   * also releases its data-dependent noise scales: a non-private release, so no finite epsilon is
   * proven for the run.
   */
  @Override
  public DpEvent stepEvent(long step) {
    DpEvent noise = new DpEvent.PoissonSampled(samplingRate, new DpEvent.Laplace(baseScale(step), spec.clipNormL1()));
    // As published, the noise scales are statistics of the private batch that the release reveals
    // without noise: a non-private release beside the Laplace noise (as icgc-dp records its medians).
    return spec.variant() == Variant.CORRECTED ? noise : new DpEvent.Composed(List.of(noise, new DpEvent.NonPrivate()));
  }

  @Override
  public PrivacyClaim claim() {
    return claim;
  }

  @Override
  public List<String> caveats() {
    if (spec.variant() == Variant.CORRECTED) {
      return List.of();
    }
    return List.of("per-neuron noise scales are chosen from layer-wise relevance computed on the private batch and "
        + "the release reveals them (all weights of a neuron share one): a statistic of the batch released without "
        + "noise, which the ledger records as a non-private release, so no finite epsilon is proven (the Laplace "
        + "noise alone, were its scales fixed in advance, is the other part of each step; " + spec.name()
        + "-corrected is provably DP)");
  }
}
