package org.dpaudit.trainers.schemes.icgc;

import org.dpaudit.trainers.schemes.SchemeOptions;

/**
 * The options both ICGC-DP variants take ({@code --scheme-option KEY=VALUE}); the corrected
 * variant's own ({@link IcgcDpCorrected.Tracking}) come on top.
 *
 * @param minThreshold C_min, the lower bound on every layer's threshold ({@code min-threshold})
 * @param fusionModels the models the fusion module fuses, 1 for none ({@code fusion-models})
 * @param fixedThreshold the ablation {@code threshold=fixed} (as published only): every layer
 *     clipped at {@code --clip} instead of its batch median ({@code threshold=median}, the paper's)
 * @param globalNoise the ablation {@code noise=global} (as published only): one Gaussian of
 *     multiplier sigma on the whole clipped gradient, whose L2 sensitivity is {@code ||(C_1..C_L)||},
 *     instead of sigma C_l on each layer ({@code noise=per-layer}, the paper's)
 */
record IcgcDpOptions(double minThreshold, int fusionModels, boolean fixedThreshold, boolean globalNoise) {
  /** The default lower bound C_min on every layer's threshold (ours: the paper gives no value). */
  static final double DEFAULT_MIN_THRESHOLD = 0.01;
  /** Models the fusion module fuses by default (ours): the last three epochs' ends. */
  static final int DEFAULT_FUSION_MODELS = 3;

  static IcgcDpOptions read(SchemeOptions o) {
    String threshold = o.text("threshold", "median");
    if (!threshold.equals("median") && !threshold.equals("fixed")) {
      throw new org.dpaudit.core.InvalidInputException("scheme option threshold must be median or fixed; got '"
          + threshold + "'");
    }
    String noise = o.text("noise", "per-layer");
    if (!noise.equals("per-layer") && !noise.equals("global")) {
      throw new org.dpaudit.core.InvalidInputException("scheme option noise must be per-layer or global; got '"
          + noise + "'");
    }
    return new IcgcDpOptions(o.positive("min-threshold", DEFAULT_MIN_THRESHOLD),
        o.positiveInt("fusion-models", DEFAULT_FUSION_MODELS), threshold.equals("fixed"), noise.equals("global"));
  }
}
