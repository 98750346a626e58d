package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;

/**
 * ICGC-DP (seed 002: Ma, Kong, Huang, IEEE Access 11, 2023): layer-wise clipping with each layer's
 * threshold from that layer's per-example gradient norms, Gaussian noise per layer, and the
 * adaptive weighted fusion of predictions ({@link AdaptiveWeightedFusion}).
 *
 * <pre>
 * per layer l (a layer's weight and bias together), E = q N the expected batch size:
 *   icgc-dp            C_l = max(median_i ||g_i^l||, C_min)         the batch's own median, bounded below
 *   icgc-dp-corrected  C_l = C_l^t, tracked privately towards the median (Andrew et al. 2021):
 *                      c_l = sum_i 1[||g_i^l|| <= C_l] + N(0, sigma_b^2)
 *                      C_l^(t+1) = max(C_min, C_l^t exp(-eta (c_l / E - gamma)))
 *   g~^l = (sum_i min(1, C_l / ||g_i^l||) g_i^l + N(0, sigma_l^2 C_l^2 I)) / E
 * </pre>
 *
 * <h2>Accounting</h2>
 * <ul>
 *   <li>Per-layer clipping to C_l with noise sigma_l C_l is L Gaussian mechanisms of multiplier
 *       sigma_l on the same batch: exactly one Gaussian of multiplier sigma_l / sqrt(L) for the
 *       whole vector (an example can move every layer at once). A claim made at sigma overstates the
 *       privacy by sqrt(L) even before the thresholds are considered.
 *   <li>icgc-dp's thresholds are the batch's own medians. The noise scale sigma C_l is visible in
 *       the released gradient (thousands of coordinates estimate it to a fraction of a percent), so
 *       each step releases C_l, a statistic of the batch, without noise; one example can move the
 *       median from one order statistic to the next, by any amount. No finite epsilon follows: each
 *       step is recorded as the per-layer Gaussians composed with a {@link DpEvent.NonPrivate}
 *       release, and the accountant reports infinity.
 *   <li>icgc-dp-corrected releases only noisy counts (L counts of L2 sensitivity sqrt(L), noise
 *       sigma_b each) besides the clipped sums, so a step is Poisson-sampled Gaussian with
 *       1/sigma_eff^2 = L/sigma_l^2 + L/sigma_b^2; the noise multiplier the user gives or the
 *       calibration finds is that sigma_eff, and sigma_l follows.
 * </ul>
 */
public final class IcgcDpScheme extends NoisySumScheme implements FusedPrediction {
  private final String name;
  private final boolean corrected;
  private final double sigma;
  private final double samplingRate;
  private final double minThreshold;
  private final Tracking tracking;
  private final Fusion fusion;
  private final PrivacyClaim claim;
  private final List<String> caveats;
  private final List<List<float[]>> snapshots = new ArrayList<>();
  private double[] thresholds;
  private int layers;

  /**
   * How icgc-dp-corrected tracks the median privately (Andrew et al. 2021).
   *
   * @param initial the thresholds before the first step
   * @param learningRate eta of the geometric update
   * @param quantile gamma, 0.5 for the median
   * @param countNoise sigma_b, the standard deviation of the noise on each layer's count
   */
  public record Tracking(double initial, double learningRate, double quantile, double countNoise) {}

  /**
   * Which models the fusion module fuses: the ends of the last {@code models} epochs (1: off).
   *
   * @param stepsPerEpoch steps in one epoch
   * @param totalSteps the planned steps
   */
  public record Fusion(int models, long stepsPerEpoch, long totalSteps) {}

  /**
   * @param sigma icgc-dp: the per-layer noise multiplier (noise std / the layer's threshold), as the
   *     paper; icgc-dp-corrected: the effective multiplier of the whole step
   * @param tracking the private median tracking, or null for icgc-dp (the batch's own median)
   */
  public IcgcDpScheme(String name, double sigma, double samplingRate, double minThreshold, Tracking tracking,
      Fusion fusion, PrivacyClaim claim, List<String> caveats) {
    this.name = name;
    this.corrected = tracking != null;
    this.sigma = sigma;
    this.samplingRate = samplingRate;
    this.minThreshold = minThreshold;
    this.tracking = tracking;
    this.fusion = fusion;
    this.claim = claim;
    this.caveats = List.copyOf(caveats);
  }


  /** The default lower bound C_min on every layer's threshold (ours: the paper gives no value). */
  static final double DEFAULT_MIN_THRESHOLD = 0.01;
  /** Models the fusion module fuses by default (ours): the last three epochs' ends. */
  static final int DEFAULT_FUSION_MODELS = 3;
  /** Andrew et al. 2021's threshold learning rate eta. */
  static final double DEFAULT_THRESHOLD_LR = 0.2;

  /** Builds icgc-dp or icgc-dp-corrected from the run's configuration ({@code --scheme-option}s). */
  public static IcgcDpScheme create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    PrivacyConfig cfg = ctx.config();
    String name = id.name();
    boolean corrected = id.corrected();
    double q = ctx.samplingRate();
    long steps = ctx.totalSteps();
    double e = q * ctx.trainingExamples();
    double minThreshold = o.positive("min-threshold", DEFAULT_MIN_THRESHOLD);
    int models = Math.toIntExact(o.positiveLong("fusion-models", DEFAULT_FUSION_MODELS));
    long batch = Math.max(1, Math.round(e));
    long perEpoch = (ctx.trainingExamples() + batch - 1) / batch;
    Fusion fusion = new Fusion(models, perEpoch, steps);
    NoisePlan plan = NoisePlan.gaussian(name, ctx);
    double sigma = plan.sigma();
    String basis = plan.calibrated() ? String.format("sigma %.4f calibrated for it", sigma) : null;
    double epsilon = plan.epsilon();
    if (!corrected) {
      PrivacyClaim claim = new PrivacyClaim(epsilon, cfg.delta(), "ICGC-DP (Ma et al. 2023) as we reconstruct its "
          + "accounting: every step a Poisson-sampled Gaussian of multiplier sigma = " + fmt(sigma) + " (the per-layer "
          + "multiplier), " + steps + " steps, RDP" + (basis == null ? "" : "; " + basis + " at the target epsilon"));
      return new IcgcDpScheme(name, sigma, q, minThreshold, null, fusion, claim, List.of(
          "icgc-dp: each layer's clipping threshold is the median of that layer's per-example gradient norms in the "
              + "batch (at least " + fmt(minThreshold) + "); the noise scale sigma C_l shows it, so every step releases "
              + "a statistic of the batch without noise, and one example can move a median by any amount: no finite "
              + "epsilon can be proven (the accountant reports infinity; icgc-dp-corrected tracks the median privately)",
          "icgc-dp: per-layer noise sigma C_l on per-layer clipping to C_l is, for the whole gradient, a Gaussian of "
              + "multiplier sigma / sqrt(L) (L = layers with parameters), not sigma: the claimed epsilon is computed at "
              + "sigma and would understate the loss even with fixed thresholds"));
    }
    double quantile = o.positive("quantile", 0.5);
    if (!(quantile < 1)) {
      throw new InvalidInputException("scheme option quantile of " + name + " must be in (0, 1); got " + quantile);
    }
    Tracking tracking = new Tracking(o.positive("initial-threshold", cfg.clipNorm()),
        o.nonNegative("threshold-lr", DEFAULT_THRESHOLD_LR), quantile, o.positive("count-noise", Math.max(e, 1) / 20));
    PrivacyClaim claim = new PrivacyClaim(epsilon, cfg.delta(), "icgc-dp-corrected: every step a Poisson-sampled "
        + "Gaussian of effective multiplier " + fmt(sigma) + " over the per-layer clipped sums and the noisy counts "
        + "that track each layer's median, " + steps + " steps, RDP" + (basis == null ? "" : "; " + basis));
    return new IcgcDpScheme(name, sigma, q, minThreshold, tracking, fusion, claim, List.of());
  }

  private static String fmt(double v) {
    return String.format("%.4g", v);
  }

  @Override
  public String name() {
    return name;
  }

  /** icgc-dp: the per-layer multiplier; icgc-dp-corrected: the whole step's. */
  @Override
  public double noiseMultiplier() {
    return sigma;
  }

  /** The per-layer noise multiplier sigma_l (needs the layer count: known after the first step). */
  public double layerNoiseMultiplier() {
    requireLayers();
    if (!corrected) {
      return sigma;
    }
    double rest = 1 / (sigma * sigma) - layers / (tracking.countNoise() * tracking.countNoise());
    if (!(rest > 0)) {
      throw new InvalidInputException(String.format("icgc-dp-corrected: count-noise %.4g is too small for an "
          + "effective noise multiplier of %.4g over %d layers: it must exceed %.4g (sigma_eff sqrt(L))",
          tracking.countNoise(), sigma, layers, sigma * Math.sqrt(layers)));
    }
    return Math.sqrt(layers / rest);
  }

  /** The current per-layer thresholds (a copy), or null before the first step. */
  public double[] thresholds() {
    return thresholds == null ? null : thresholds.clone();
  }

  @Override
  public NDList privatize(PerSampleGradients grads, StepContext ctx) {
    start(ctx);
    snapshotIfDue(ctx);
    double e = ctx.expectedBatchSize();
    List<NDArray> norms = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      norms.add(grads == null ? null : grads.layerSquaredNorms(l).sqrt());
    }
    double[] c = corrected ? thresholds.clone() : medianThresholds(norms);
    thresholds = c;
    long p = ctx.parameterCount();
    NDArray z = ctx.noise().standardGaussian(ctx.manager(), ctx.step(), p + (corrected ? layers : 0));
    double sigmaLayer = layerNoiseMultiplier();
    NDList out = new NDList();
    List<NDArray> noise = new ArrayList<>();
    long offset = 0;
    List<List<Parameter>> byLayer = ctx.parametersByLayer();
    for (int l = 0; l < layers; l++) {
      NDList sum = grads == null ? emptySum(ctx, byLayer.get(l)) : grads.layerWeightedSum(l, coefficients(norms.get(l), c[l]).div(e));
      long size = 0;
      for (NDArray a : sum) {
        size += a.size();
      }
      noise.add(z.get(new NDIndex(offset + ":" + (offset + size))).mul(sigmaLayer * c[l] / e));
      offset += size;
      out.addAll(sum);
    }
    NDList noisy = NoiseSource.addNoise(out, NDArrays.concat(noise));
    if (corrected) {
      updateThresholds(norms, c, z.get(new NDIndex(p + ":")), e);
    }
    return noisy;
  }

  /** {@code min(1, C / ||g_i||)} for one layer's norms, shape (B). */
  static NDArray coefficients(NDArray norms, double threshold) {
    return clipCoefficients(norms, threshold);
  }

  /** icgc-dp: each layer's median norm in this batch, at least C_min (C_min for an empty batch). */
  double[] medianThresholds(List<NDArray> norms) {
    double[] c = new double[layers];
    for (int l = 0; l < layers; l++) {
      c[l] = norms.get(l) == null ? minThreshold : Math.max(median(norms.get(l).toFloatArray()), minThreshold);
    }
    return c;
  }

  /** The median (the mean of the two middle values for an even count). */
  static double median(float[] values) {
    float[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : ((double) v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** The geometric update of Andrew et al. 2021 from each layer's noisy count below its threshold. */
  private void updateThresholds(List<NDArray> norms, double[] c, NDArray countNoise, double e) {
    double[] z = countNoise.toDoubleArray();
    for (int l = 0; l < layers; l++) {
      double below = norms.get(l) == null ? 0 : norms.get(l).lte(c[l]).toType(ai.djl.ndarray.types.DataType.FLOAT64,
          false).sum().getDouble();
      double fraction = (below + tracking.countNoise() * z[l]) / e;
      thresholds[l] = Math.max(minThreshold, c[l] * Math.exp(-tracking.learningRate() * (fraction - tracking.quantile())));
    }
  }

  private void start(StepContext ctx) {
    if (layers == 0) {
      layers = ctx.parametersByLayer().size();
      if (corrected) {
        thresholds = new double[layers];
        Arrays.fill(thresholds, Math.max(tracking.initial(), minThreshold));
        layerNoiseMultiplier();
      }
    }
  }

  private void requireLayers() {
    if (layers == 0) {
      throw new IllegalStateException(name + ": the layer count is known after the first step");
    }
  }

  // ---- fusion ----

  /**
   * Keeps the parameters as they were at the end of each of the last epochs but the final one (the
   * final model is the network itself): at the first step of the next epoch, before its update.
   */
  private void snapshotIfDue(StepContext ctx) {
    long s = ctx.step();
    long spe = fusion.stepsPerEpoch();
    long epochs = fusion.totalSteps() / spe;
    if (fusion.models() <= 1 || s == 0 || s % spe != 0) {
      return;
    }
    long endedEpoch = s / spe;
    if (endedEpoch > epochs - fusion.models() && endedEpoch < epochs) {
      List<float[]> values = new ArrayList<>();
      for (Parameter p : ctx.network().parameters()) {
        values.add(p.getArray().toFloatArray());
      }
      snapshots.add(values);
    }
  }

  @Override
  public List<List<float[]>> snapshots() {
    return List.copyOf(snapshots);
  }

  // ---- ledger ----

  @Override
  public DpEvent stepEvent(long step) {
    requireLayers();
    if (corrected) {
      return new DpEvent.PoissonSampled(samplingRate, new DpEvent.Composed(List.of(
          new DpEvent.SelfComposed(new DpEvent.Gaussian(layerNoiseMultiplier()), layers),
          new DpEvent.Gaussian(tracking.countNoise() / Math.sqrt(layers)))));
    }
    return new DpEvent.Composed(List.of(
        new DpEvent.PoissonSampled(samplingRate, new DpEvent.SelfComposed(new DpEvent.Gaussian(sigma), layers)),
        new DpEvent.NonPrivate()));
  }

  @Override
  public PrivacyClaim claim() {
    return claim;
  }

  @Override
  public List<String> caveats() {
    return caveats;
  }
}
