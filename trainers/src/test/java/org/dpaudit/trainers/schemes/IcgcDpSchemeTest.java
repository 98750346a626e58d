package org.dpaudit.trainers.schemes;

import static org.dpaudit.trainers.schemes.Seeds234Fixtures.looksStandardNormal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.schemes.icgc.IcgcDp;
import org.dpaudit.trainers.schemes.icgc.IcgcDpAsPublished;
import org.junit.jupiter.api.Test;

/**
 * ICGC-DP: thresholds, per-layer noise of the stated scale (KS tests at alpha = 1e-6 each, with a
 * test that the check can fail), the ledger's events and their epsilon against hand derivations,
 * and the fusion module against a hand-computed example.
 */
class IcgcDpSchemeTest {
  static final int B = 16;
  static final double E = 20;

  /** One step's output, the per-example gradients it came from, and the thresholds it used. */
  record Step(NDList out, PerSampleGradients grads, double[] thresholds) {}

  private static Step run(IcgcDp scheme, DpModel model, NDManager m, NoiseSource noise, long step, Randomness r) {
    StepContext ctx = Seeds234Fixtures.step(step, model, m, noise, E, B, null, r);
    PerSampleGradients g = model.network().perSampleGradients(ctx.inputs(), ctx.labels());
    NDList out = scheme.privatize(g, ctx);
    return new Step(out, g, scheme.thresholds());
  }

  /** (output - noiseless clipped sum) * E / (sigma_l C_l), per layer, flattened: standard normal. */
  private static double[] standardisedNoise(Step s, double sigmaLayer) {
    List<Double> z = new ArrayList<>();
    int offset = 0;
    for (int l = 0; l < s.grads().layerCount(); l++) {
      NDArray norms = s.grads().layerSquaredNorms(l).sqrt();
      NDList ref = s.grads().layerWeightedSum(l, PerExampleScheme.clipCoefficients(norms, s.thresholds()[l]).div(E));
      for (NDArray a : ref) {
        double[] noisy = Seeds234Fixtures.flat(new NDList(s.out().get(offset++)));
        double[] clean = Seeds234Fixtures.flat(new NDList(a));
        for (int i = 0; i < noisy.length; i++) {
          z.add((noisy[i] - clean[i]) * E / (sigmaLayer * s.thresholds()[l]));
        }
      }
    }
    return z.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void icgcDp_thresholdsAreTheBatchMedians_boundedBelow() {
    Randomness r = Randomness.seeded(11);
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp", null, 1.0, 1.0,
        Map.of("min-threshold", "0.05"), 1000, 0.02, 10);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      Step s = run(scheme, model, m, noise, 0, r);
      for (int l = 0; l < s.grads().layerCount(); l++) {
        double median = IcgcDpAsPublished.median(s.grads().layerSquaredNorms(l).sqrt().toFloatArray());
        assertEquals(Math.max(median, 0.05), s.thresholds()[l], 1e-9, "layer " + l);
      }
    }
    assertEquals(2.5, IcgcDpAsPublished.median(new float[] {4, 1, 3, 2}), 0);
    assertEquals(3, IcgcDpAsPublished.median(new float[] {5, 1, 3}), 0);
  }

  @Test
  void icgcDp_noiseIsGaussianWithStdSigmaTimesEachLayersThreshold() {
    Randomness r = Randomness.seeded(12);
    double sigma = 1.3;
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp", null, sigma, 1.0, Map.of(), 1000, 0.02, 10);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      Step s = run(scheme, model, m, noise, 3, r);
      double[] z = standardisedNoise(s, sigma);
      assertTrue(z.length > 100_000);
      assertTrue(looksStandardNormal(z), "per-layer noise is not N(0, (sigma C_l / E)^2)");
      // The check can fail: the same noise read as if it had 5% more scale is rejected.
      double[] wrong = standardisedNoise(s, sigma * 1.05);
      assertFalse(looksStandardNormal(wrong), "a 5% error in the noise scale must be detected");
    }
  }

  @Test
  void icgcDpCorrected_noiseScale_isTheLayerMultiplierThatMakesTheStepsEffectiveSigma() {
    Randomness r = Randomness.seeded(13);
    double sigmaEff = 1.1;
    double countNoise = 4;
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp-corrected", null, sigmaEff, 1.0,
        Map.of("count-noise", String.valueOf(countNoise), "initial-threshold", "0.3"), 1000, 0.02, 10);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      StepContext ctx = Seeds234Fixtures.step(0, model, m, noise, E, B, null, r);
      PerSampleGradients g = model.network().perSampleGradients(ctx.inputs(), ctx.labels());
      NDList out = scheme.privatize(g, ctx);
      int layers = 3;
      // 1/sigma_eff^2 = L/sigma_l^2 + L/sigma_b^2, solved for sigma_l by hand
      double sigmaLayer = Math.sqrt(layers / (1 / (sigmaEff * sigmaEff) - layers / (countNoise * countNoise)));
      assertEquals(sigmaLayer, scheme.layerNoiseMultiplier(), 1e-12);
      double[] used = {0.3, 0.3, 0.3};
      double[] z = standardisedNoise(new Step(out, g, used), sigmaLayer);
      assertTrue(looksStandardNormal(z), "per-layer noise is not N(0, (sigma_l C_l / E)^2)");
      assertFalse(java.util.Arrays.equals(used, scheme.thresholds()), "the thresholds move after a step");
    }
  }

  @Test
  void icgcDpCorrected_trackedThresholdsMoveGeometricallyByTheCountBelowThem() {
    Randomness r = Randomness.seeded(14);
    // Count noise ~0 (1e-6 on a count): the update is the deterministic formula of Andrew et al. 2021.
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp-corrected", null, 1e-9, 1.0,
        Map.of("count-noise", "1e-6", "initial-threshold", "0.5", "threshold-lr", "0.2"), 1000, 0.02, 10);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      StepContext ctx = Seeds234Fixtures.step(0, model, m, noise, E, B, null, r);
      PerSampleGradients g = model.network().perSampleGradients(ctx.inputs(), ctx.labels());
      scheme.privatize(g, ctx);
      for (int l = 0; l < 3; l++) {
        float[] norms = g.layerSquaredNorms(l).sqrt().toFloatArray();
        int below = 0;
        for (float v : norms) {
          below += v <= 0.5 ? 1 : 0;
        }
        double expected = Math.max(0.01, 0.5 * Math.exp(-0.2 * (below / E - 0.5)));
        assertEquals(expected, scheme.thresholds()[l], 1e-6, "layer " + l);
      }
    }
  }

  @Test
  void icgcDp_ledgerReleasesTheThresholdsWithoutNoise_soEpsilonIsInfinite_whileTheClaimIsFinite() {
    Randomness r = Randomness.seeded(15);
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp", 2.0, null, 1.0, Map.of(), 1000, 0.02, 10);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      run(scheme, model, m, noise, 0, r);
      DpEvent e = scheme.stepEvent(0);
      assertEquals(new DpEvent.Composed(List.of(new DpEvent.PoissonSampled(0.02, new DpEvent.SelfComposed(
          new DpEvent.Gaussian(scheme.noiseMultiplier()), 3)), new DpEvent.NonPrivate())), e);
      assertEquals(Double.POSITIVE_INFINITY, new RdpAccountant().epsilon(e, 1e-5).epsilon());
      assertEquals(Double.POSITIVE_INFINITY, new PldAccountant().epsilon(e, 1e-5).epsilon());
      assertEquals(2.0, scheme.claim().epsilon(), 0, "the claim is the paper's: the target epsilon");
      assertTrue(scheme.caveats().size() >= 2);
    }
  }

  @Test
  void icgcDp_fixedThresholdAblation_clipsEveryLayerAtC_andReleasesNoMedian_soTheLedgerIsFinite() {
    Randomness r = Randomness.seeded(18);
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp", 2.0, null, 0.7, Map.of("threshold", "fixed"), 1000,
        0.02, 10);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      run(scheme, model, m, noise, 0, r);
      for (double c : scheme.thresholds()) {
        assertEquals(0.7, c, 0, "every layer at --clip");
      }
      DpEvent e = scheme.stepEvent(0);
      assertEquals(new DpEvent.PoissonSampled(0.02, new DpEvent.SelfComposed(
          new DpEvent.Gaussian(scheme.noiseMultiplier()), 3)), e);
      assertTrue(Double.isFinite(new RdpAccountant().epsilon(e, 1e-5).epsilon()));
    }
    assertThrows(InvalidInputException.class, () -> Seeds234Fixtures.scheme("icgc-dp", 2.0, null, 0.7,
        Map.of("threshold", "mean"), 1000, 0.02, 10));
    assertThrows(InvalidInputException.class, () -> Seeds234Fixtures.scheme("icgc-dp-corrected", 2.0, null, 0.7,
        Map.of("threshold", "fixed"), 1000, 0.02, 10));
  }

  @Test
  void icgcDp_globalNoiseWithFixedThresholds_isOneGaussianAStep_soTheClaimIsWhatTheAccountantProves() {
    Randomness r = Randomness.seeded(19);
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp", null, 1.5, 0.7,
        Map.of("threshold", "fixed", "noise", "global"), 1000, 0.02, 10);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      run(scheme, model, m, noise, 0, r);
      DpEvent e = scheme.stepEvent(0);
      assertEquals(new DpEvent.PoissonSampled(0.02, new DpEvent.Gaussian(scheme.noiseMultiplier())), e);
      double claimed = scheme.claim().epsilon();
      double proven = new RdpAccountant().epsilon(new DpEvent.SelfComposed(e, 10), 1e-5).epsilon();
      assertEquals(claimed, proven, 1e-9 * claimed, "the claim is the RDP epsilon of these very steps");
    }
    assertThrows(InvalidInputException.class, () -> Seeds234Fixtures.scheme("icgc-dp", 2.0, null, 0.7,
        Map.of("noise", "local"), 1000, 0.02, 10));
  }

  @Test
  void icgcDpCorrected_oneUnsampledStep_isTheAnalyticGaussianMechanismAtTheEffectiveSigma() {
    Randomness r = Randomness.seeded(16);
    // q = 1, one step, sigma_eff = 2: (epsilon, 1e-5) of the Gaussian mechanism, from Balle & Wang
    // 2018's exact formula delta = Phi(-eps s + 1/(2s)) - e^eps Phi(-eps s - 1/(2s)), solved by
    // bisection with erfc in Python: 1.9930914044151204.
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp-corrected", null, 2.0, 1.0,
        Map.of("count-noise", "10"), 20, 1.0, 1);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      run(scheme, model, m, noise, 0, r);
      DpEvent e = scheme.stepEvent(0);
      assertEquals(1.9930914044151204, new PldAccountant().epsilon(e, 1e-5).epsilon(), 1e-6);
      double claimed = scheme.claim().epsilon();
      assertTrue(claimed >= 1.9930914044151204 && claimed < 2.3, "the claim is RDP's (looser) bound: " + claimed);
    }
  }

  @Test
  void icgcDpCorrected_refusesCountNoiseTooSmallForTheBudget_andUnknownOptions() {
    Randomness r = Randomness.seeded(17);
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp-corrected", null, 2.0, 1.0,
        Map.of("count-noise", "3"), 1000, 0.02, 10);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      InvalidInputException ex = assertThrows(InvalidInputException.class, () -> run(scheme, model, m, noise, 0, r));
      assertTrue(ex.getMessage().contains("count-noise"), ex.getMessage());
    }
    assertThrows(InvalidInputException.class, () -> Seeds234Fixtures.scheme("icgc-dp", null, 1.0, 1.0,
        Map.of("count-noise", "3"), 1000, 0.02, 10));
    assertThrows(InvalidInputException.class, () -> Seeds234Fixtures.scheme("icgc-dp-corrected", null, 1.0, 1.0,
        Map.of("quantile", "1.5"), 1000, 0.02, 10));
  }

  @Test
  void fusionWeights_matchAHandComputedExample() {
    // p = (0.9, 0.1), (0.7, 0.3), (0.2, 0.8); consensus (0.6, 0.4); v = 0.09, 0.01, 0.16;
    // 1/v = 11.111.., 100, 6.25 (sum 117.3611..); w = 0.094675, 0.852071, 0.053254;
    // fused class 0 = 0.9 w1 + 0.7 w2 + 0.2 w3 = 0.692308
    double[][] p = {{0.9, 0.1}, {0.7, 0.3}, {0.2, 0.8}};
    double[] w = AdaptiveWeightedFusion.weights(p);
    double total = 1 / 0.09 + 1 / 0.01 + 1 / 0.16;
    assertArrayEquals(new double[] {(1 / 0.09) / total, 100 / total, 6.25 / total}, w, 1e-9);
    assertArrayEquals(new double[] {0.094675, 0.852071, 0.053254}, w, 1e-6);
    assertArrayEquals(new double[] {0.692308, 0.307692}, AdaptiveWeightedFusion.fuse(p), 1e-6);
    assertArrayEquals(new double[] {0.5, 0.5}, AdaptiveWeightedFusion.weights(new double[][] {{1, 0}, {0, 1}}), 1e-12,
        "two tensors stray equally from their mean");
  }

  @Test
  void fusion_keepsTheEndsOfTheLastEpochs() {
    Randomness r = Randomness.seeded(18);
    // 20 examples, q 0.5: 2 steps per epoch, 6 steps = 3 epochs; 3 models = ends of epochs 1, 2 + final
    IcgcDp scheme = (IcgcDp) Seeds234Fixtures.scheme("icgc-dp", null, 1.0, 1.0, Map.of(), 20, 0.5, 6);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r)) {
      for (long s = 0; s < 6; s++) {
        try (NDScope scope = new NDScope()) {
          run(scheme, model, m, noise, s, r);
        }
      }
      assertEquals(2, scheme.snapshots().size());
    }
  }
}
