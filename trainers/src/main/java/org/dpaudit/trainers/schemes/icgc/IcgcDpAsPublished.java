package org.dpaudit.trainers.schemes.icgc;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.schemes.NoisePlan;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;

/**
 * {@code icgc-dp}, ICGC-DP as published: each layer's threshold is that layer's median per-example
 * gradient norm in the batch, bounded below.
 *
 * <pre>
 * C_l = max(median_i ||g_i^l||, C_min)
 * </pre>
 * The noise scale sigma C_l is visible in the released gradient (thousands of coordinates estimate
 * it to a fraction of a percent), so each step releases C_l, a statistic of the batch, without
 * noise; one example can move the median from one order statistic to the next, by any amount. No
 * finite epsilon follows: each step is recorded as the per-layer Gaussians composed with a {@link
 * DpEvent.NonPrivate} release, and the accountant reports infinity. The claim is the paper's as we
 * reconstruct it: a Poisson-sampled Gaussian of multiplier sigma per step.
 */
public final class IcgcDpAsPublished extends IcgcDp {
  private final double sigma;
  /** The ablation {@code threshold=fixed}: every layer clipped at this (--clip), or null for the medians. */
  private final Double fixedThreshold;
  /** The ablation {@code noise=global}: one Gaussian on the whole clipped gradient. */
  private final boolean globalNoise;

  IcgcDpAsPublished(String name, double sigma, double samplingRate, double minThreshold, FusionSnapshots fusion,
      PrivacyClaim claim, List<String> caveats, Double fixedThreshold, boolean globalNoise) {
    super(name, sigma, samplingRate, minThreshold, fusion, claim, caveats);
    this.sigma = sigma;
    this.fixedThreshold = fixedThreshold;
    this.globalNoise = globalNoise;
  }

  /** Builds icgc-dp from its options and sigma given or calibrated. */
  public static IcgcDpAsPublished create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    IcgcDpOptions opts = IcgcDpOptions.read(o);
    NoisePlan plan = NoisePlan.gaussian(id.name(), ctx);
    double sigma = plan.sigma();
    String basis = plan.calibrated() ? String.format("sigma %.4f calibrated for it", sigma) : null;
    PrivacyClaim claim = plan.claim("ICGC-DP (Ma et al. 2023) as we reconstruct its accounting: every step a "
        + "Poisson-sampled Gaussian of multiplier sigma = " + fmt(sigma) + " (the per-layer multiplier), "
        + ctx.totalSteps() + " steps, RDP" + (basis == null ? "" : "; " + basis + " at the target epsilon"));
    double minThreshold = opts.minThreshold();
    String perLayer = opts.globalNoise() ? "icgc-dp with noise=global (an ablation, the global-noise reading): one "
        + "Gaussian of multiplier sigma on the whole clipped gradient, of L2 sensitivity ||(C_1..C_L)||, instead of "
        + "sigma C_l on each layer" : "icgc-dp: per-layer noise sigma C_l on per-layer clipping to C_l is, for the whole gradient, a "
        + "Gaussian of multiplier sigma / sqrt(L) (L = layers with parameters), not sigma: the claimed epsilon is "
        + "computed at sigma and would understate the loss even with fixed thresholds";
    if (opts.fixedThreshold()) {
      return new IcgcDpAsPublished(id.name(), sigma, ctx.samplingRate(), minThreshold,
          FusionSnapshots.of(opts.fusionModels(), ctx), claim, List.of("icgc-dp with threshold=fixed (an ablation): "
              + "every layer clipped at C = " + fmt(ctx.config().clipNorm()) + " instead of its batch median",
              perLayer),
          ctx.config().clipNorm(), opts.globalNoise());
    }
    return new IcgcDpAsPublished(id.name(), sigma, ctx.samplingRate(), minThreshold,
        FusionSnapshots.of(opts.fusionModels(), ctx), claim, List.of(
        "icgc-dp: each layer's clipping threshold is the median of that layer's per-example gradient norms in the "
            + "batch (at least " + fmt(minThreshold) + "); the noise scale sigma C_l shows it, so every step releases "
            + "a statistic of the batch without noise, and one example can move a median by any amount: no finite "
            + "epsilon can be proven (the accountant reports infinity; icgc-dp-corrected tracks the median privately)",
        perLayer), null, opts.globalNoise());
  }

  /** sigma itself: the paper's multiplier is per layer. */
  @Override
  public double layerNoiseMultiplier() {
    requireLayers();
    return sigma;
  }

  /** sigma C_l, or with {@code noise=global} sigma ||(C_1..C_L)|| on every layer. */
  @Override
  double layerNoiseStd(double[] c, int l) {
    if (!globalNoise) {
      return super.layerNoiseStd(c, l);
    }
    double sq = 0;
    for (double cl : c) {
      sq += cl * cl;
    }
    return sigma * Math.sqrt(sq);
  }

  /** Each layer's median norm in this batch, at least C_min (C_min for an empty batch). */
  @Override
  double[] stepThresholds(List<NDArray> norms) {
    double[] c = new double[layers()];
    for (int l = 0; l < c.length; l++) {
      if (fixedThreshold != null) {
        c[l] = fixedThreshold;
      } else {
        c[l] = norms.get(l) == null ? minThreshold() : Math.max(median(norms.get(l).toFloatArray()), minThreshold());
      }
    }
    return c;
  }

  /** The median (the mean of the two middle values for an even count). */
  public static double median(float[] values) {
    float[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : ((double) v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /**
   * The per-layer Gaussians on the Poisson sample, and the medians released without noise (with
   * fixed thresholds nothing else: each layer's sum has sensitivity its threshold, its noise sigma
   * times it). With {@code noise=global} the layers' Gaussians are one, of multiplier sigma: the
   * whole clipped gradient has sensitivity ||(C_1..C_L)|| and that times sigma is its noise.
   */
  @Override
  public DpEvent stepEvent(long step) {
    requireLayers();
    DpEvent gaussians = new DpEvent.PoissonSampled(samplingRate(), globalNoise ? new DpEvent.Gaussian(sigma)
        : new DpEvent.SelfComposed(new DpEvent.Gaussian(sigma), layers()));
    return fixedThreshold != null ? gaussians : new DpEvent.Composed(List.of(gaussians, new DpEvent.NonPrivate()));
  }
}
