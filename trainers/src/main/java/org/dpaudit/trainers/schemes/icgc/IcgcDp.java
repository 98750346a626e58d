package org.dpaudit.trainers.schemes.icgc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.schemes.FusedPrediction;
import org.dpaudit.trainers.schemes.NDArrays;
import org.dpaudit.trainers.schemes.NoisySumScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * ICGC-DP (seed 002: Ma, Kong, Huang, IEEE Access 11, 2023): layer-wise clipping with each layer's
 * own threshold C_l, Gaussian noise per layer, and the adaptive weighted fusion of the last epochs'
 * predictions ({@link org.dpaudit.trainers.schemes.AdaptiveWeightedFusion}).
 *
 * <pre>
 * per layer l (a layer's weight and bias together), E = q N the expected batch size:
 *   C_l  = {@link IcgcDpAsPublished}: the batch's median norm; {@link IcgcDpCorrected}: tracked privately
 *   g~^l = (sum_i min(1, C_l / ||g_i^l||) g_i^l + N(0, sigma_l^2 C_l^2 I)) / E
 * </pre>
 *
 * Per-layer clipping to C_l with noise sigma_l C_l is L Gaussian mechanisms of multiplier sigma_l
 * on the same batch: exactly one Gaussian of multiplier sigma_l / sqrt(L) for the whole vector (an
 * example can move every layer at once). Each variant's ledger event says what else it releases.
 */
public abstract sealed class IcgcDp extends NoisySumScheme implements FusedPrediction
    permits IcgcDpAsPublished, IcgcDpCorrected {
  private final String name;
  private final double sigma;
  private final double samplingRate;
  private final double minThreshold;
  private final FusionSnapshots fusion;
  private final PrivacyClaim claim;
  private final List<String> caveats;
  /** The thresholds of the last step (the corrected variant updates them in place after it). */
  double[] thresholds;
  private int layers;

  IcgcDp(String name, double sigma, double samplingRate, double minThreshold, FusionSnapshots fusion,
      PrivacyClaim claim, List<String> caveats) {
    this.name = name;
    this.sigma = sigma;
    this.samplingRate = samplingRate;
    this.minThreshold = minThreshold;
    this.fusion = fusion;
    this.claim = claim;
    this.caveats = List.copyOf(caveats);
  }

  @Override
  public String name() {
    return name;
  }

  /** The multiplier the run was given or calibrated (the per-layer one as published, the whole step's corrected). */
  @Override
  public double noiseMultiplier() {
    return sigma;
  }

  /** The per-layer noise multiplier sigma_l (needs the layer count: known after the first step). */
  public abstract double layerNoiseMultiplier();

  /** The current per-layer thresholds (a copy), or null before the first step. */
  public double[] thresholds() {
    return thresholds == null ? null : thresholds.clone();
  }

  @Override
  public NDList privatize(PerSampleGradients grads, StepContext ctx) {
    if (layers == 0) {
      layers = ctx.parametersByLayer().size();
      started();
    }
    fusion.snapshotIfDue(ctx);
    double e = ctx.expectedBatchSize();
    List<NDArray> norms = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      norms.add(grads == null ? null : grads.layerSquaredNorms(l).sqrt());
    }
    double[] c = stepThresholds(norms);
    thresholds = c;
    long p = ctx.parameterCount();
    NDArray z = ctx.noise().standardGaussian(ctx.manager(), ctx.step(), p + extraNoise());
    NDList out = new NDList();
    List<NDArray> noise = new ArrayList<>();
    long offset = 0;
    List<List<Parameter>> byLayer = ctx.parametersByLayer();
    for (int l = 0; l < layers; l++) {
      NDList sum = grads == null ? emptySum(ctx, byLayer.get(l))
          : grads.layerWeightedSum(l, clipCoefficients(norms.get(l), c[l], e));
      long size = 0;
      for (NDArray a : sum) {
        size += a.size();
      }
      noise.add(z.get(new NDIndex(offset + ":" + (offset + size))).mul(layerNoiseStd(c, l) / e));
      offset += size;
      out.addAll(sum);
    }
    NDList noisy = NoiseSource.addNoise(out, NDArrays.concat(noise));
    released(norms, c, z.get(new NDIndex(p + ":")), e);
    return noisy;
  }

  /** The noise standard deviation on layer {@code l}'s clipped sum: sigma_l C_l. */
  double layerNoiseStd(double[] c, int l) {
    return layerNoiseMultiplier() * c[l];
  }

  /** Called once the layer count is known, before the first step's release. */
  void started() {}

  /** This step's thresholds, one per layer, from the layers' per-example norms (null: empty batch). */
  abstract double[] stepThresholds(List<NDArray> norms);

  /** Standard normal values the step draws beyond one per released parameter. */
  long extraNoise() {
    return 0;
  }

  /** After the release: {@code extra} holds the step's {@link #extraNoise} values. */
  void released(List<NDArray> norms, double[] c, NDArray extra, double e) {}

  /** The layers with parameters (0 before the first step). */
  int layers() {
    return layers;
  }

  double samplingRate() {
    return samplingRate;
  }

  double minThreshold() {
    return minThreshold;
  }

  void requireLayers() {
    if (layers == 0) {
      throw new IllegalStateException(name + ": the layer count is known after the first step");
    }
  }

  @Override
  public List<List<float[]>> snapshots() {
    return fusion.snapshots();
  }

  @Override
  public PrivacyClaim claim() {
    return claim;
  }

  @Override
  public List<String> caveats() {
    return caveats;
  }

  static String fmt(double v) {
    return String.format("%.4g", v);
  }
}
