package org.dpaudit.trainers.schemes.icgc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.schemes.NoisePlan;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;

/**
 * {@code icgc-dp-corrected}: ICGC-DP with each layer's threshold tracked privately towards the
 * median (Andrew et al. 2021) instead of read off the batch.
 *
 * <pre>
 * c_l       = sum_i 1[||g_i^l|| <= C_l^t] + N(0, sigma_b^2)        the noisy count below the threshold
 * C_l^(t+1) = max(C_min, C_l^t exp(-eta (c_l / E - gamma)))
 * </pre>
 * A step releases only the clipped sums and the noisy counts (L counts of L2 sensitivity sqrt(L),
 * noise sigma_b each), so it is a Poisson-sampled Gaussian with {@code 1/sigma_eff^2 = L/sigma_l^2 +
 * L/sigma_b^2}; the noise multiplier the user gives or the calibration finds is that sigma_eff, and
 * sigma_l follows.
 */
public final class IcgcDpCorrected extends IcgcDp {
  /** Andrew et al. 2021's threshold learning rate eta. */
  public static final double DEFAULT_THRESHOLD_LR = 0.2;

  /**
   * How the median is tracked privately: the variant's own options.
   *
   * @param initial the thresholds before the first step
   * @param learningRate eta of the geometric update
   * @param quantile gamma, 0.5 for the median
   * @param countNoise sigma_b, the standard deviation of the noise on each layer's count
   */
  public record Tracking(double initial, double learningRate, double quantile, double countNoise) {}

  private final double sigmaEffective;
  private final Tracking tracking;

  IcgcDpCorrected(String name, double sigmaEffective, double samplingRate, double minThreshold,
      FusionSnapshots fusion, Tracking tracking, PrivacyClaim claim) {
    super(name, sigmaEffective, samplingRate, minThreshold, fusion, claim, List.of());
    this.sigmaEffective = sigmaEffective;
    this.tracking = tracking;
  }

  /** Builds icgc-dp-corrected: sigma_eff given or calibrated, the tracking's options. */
  public static IcgcDpCorrected create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    IcgcDpOptions opts = IcgcDpOptions.read(o);
    NoisePlan plan = NoisePlan.gaussian(id.name(), ctx);
    double sigma = plan.sigma();
    double quantile = o.positive("quantile", 0.5);
    if (!(quantile < 1)) {
      throw new InvalidInputException("scheme option quantile of " + id + " must be in (0, 1); got " + quantile);
    }
    double e = ctx.expectedBatchSize();
    Tracking tracking = new Tracking(o.positive("initial-threshold", ctx.config().clipNorm()),
        o.nonNegative("threshold-lr", DEFAULT_THRESHOLD_LR), quantile, o.positive("count-noise", Math.max(e, 1) / 20));
    PrivacyClaim claim = plan.claim("icgc-dp-corrected: every step a Poisson-sampled Gaussian of effective multiplier "
        + fmt(sigma) + " over the per-layer clipped sums and the noisy counts that track each layer's median, "
        + ctx.totalSteps() + " steps, RDP"
        + (plan.calibrated() ? "; " + String.format("sigma %.4f calibrated for it", sigma) : ""));
    return new IcgcDpCorrected(id.name(), sigma, ctx.samplingRate(), opts.minThreshold(),
        FusionSnapshots.of(opts.fusionModels(), ctx), tracking, claim);
  }

  /** sigma_l such that the L sums and the L counts together have multiplier sigma_eff. */
  @Override
  public double layerNoiseMultiplier() {
    requireLayers();
    int layers = layers();
    double rest = 1 / (sigmaEffective * sigmaEffective) - layers / (tracking.countNoise() * tracking.countNoise());
    if (!(rest > 0)) {
      throw new InvalidInputException(String.format("icgc-dp-corrected: count-noise %.4g is too small for an "
          + "effective noise multiplier of %.4g over %d layers: it must exceed %.4g (sigma_eff sqrt(L))",
          tracking.countNoise(), sigmaEffective, layers, sigmaEffective * Math.sqrt(layers)));
    }
    return Math.sqrt(layers / rest);
  }

  @Override
  void started() {
    thresholds = new double[layers()];
    Arrays.fill(thresholds, Math.max(tracking.initial(), minThreshold()));
    layerNoiseMultiplier();
  }

  @Override
  double[] stepThresholds(List<NDArray> norms) {
    return thresholds.clone();
  }

  /** One count noise per layer. */
  @Override
  long extraNoise() {
    return layers();
  }

  /** The geometric update of Andrew et al. 2021 from each layer's noisy count below its threshold. */
  @Override
  void released(List<NDArray> norms, double[] c, NDArray countNoise, double e) {
    double[] z = countNoise.toDoubleArray();
    for (int l = 0; l < layers(); l++) {
      double below = norms.get(l) == null ? 0 : norms.get(l).lte(c[l]).toType(DataType.FLOAT64, false).sum()
          .getDouble();
      double fraction = (below + tracking.countNoise() * z[l]) / e;
      thresholds[l] = Math.max(minThreshold(), c[l] * Math.exp(-tracking.learningRate()
          * (fraction - tracking.quantile())));
    }
  }

  /** The L per-layer Gaussians and the L counts' Gaussian, on the Poisson sample. */
  @Override
  public DpEvent stepEvent(long step) {
    requireLayers();
    int layers = layers();
    return new DpEvent.PoissonSampled(samplingRate(), new DpEvent.Composed(List.of(
        new DpEvent.SelfComposed(new DpEvent.Gaussian(layerNoiseMultiplier()), layers),
        new DpEvent.Gaussian(tracking.countNoise() / Math.sqrt(layers)))));
  }
}
