package org.dpaudit.trainers.schemes;

import static org.dpaudit.trainers.schemes.Seeds234Fixtures.looksStandardNormal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.TensorFixtures;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.PrivatisationLayer;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.schemes.neuraldp.NeuralDp;
import org.junit.jupiter.api.Test;

/**
 * NeuralDP: the privatisation layer clips and noises each example's activation at the stated scale
 * (KS tests at alpha = 1e-6, with a test that the check can fail) and is the identity at inference;
 * the ledger records what the code releases; the activation-release bound and the corrected
 * variant's epsilon match hand derivations.
 */
class NeuralDpSchemeTest {
  @Test
  void privatisationLayer_clipsEachExampleThenAddsSigmaCNoise_andIsTheIdentityAtInference() {
    try (NDManager m = Seeds234Fixtures.manager(); NoiseSource noise = new NoiseSource(Randomness.seeded(31))) {
      double clip = 0.5;
      double sigma = 1.7;
      PrivatisationLayer layer = new PrivatisationLayer(clip, sigma);
      NDArray a = TensorFixtures.uniform(m, Randomness.seeded(32).stream("a"), 400, 250).mul(0.2);
      float[] norms = a.square().sum(new int[] {1}).sqrt().toFloatArray();
      NDArray z = noise.standardGaussian(m, 0, a.size());
      layer.setNoise(z);
      double[] out = layer.forward(a, true, null).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
      float[] in = a.toFloatArray();
      double[] std = new double[out.length];
      boolean someClipped = false;
      for (int i = 0; i < out.length; i++) {
        int row = i / 250;
        double factor = Math.min(1, clip / (norms[row] + 1e-6));
        someClipped |= factor < 1;
        std[i] = (out[i] - in[i] * factor) / (sigma * clip);
      }
      assertTrue(someClipped, "the test batch has activations above the clip norm");
      assertTrue(looksStandardNormal(std), "activation noise is not N(0, (sigma C)^2) around the clipped activation");
      double[] wrong = std.clone();
      for (int i = 0; i < wrong.length; i++) {
        wrong[i] *= 0.95;
      }
      assertFalse(looksStandardNormal(wrong), "a 5% error in the noise scale must be detected");
      assertArrayEquals(in, layer.forward(a, false, null).toFloatArray(), 0f, "identity at inference");
    }
  }

  @Test
  void privatisationLayer_withoutNoiseAndAboveEveryNorm_leavesGradientsUnchanged() {
    Randomness r = Randomness.seeded(33);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp1000", r);
        NDScope scope = new NDScope()) {
      DpNetwork plain = model.network();
      PrivatisationLayer layer = new PrivatisationLayer(1e6, 0);
      DpNetwork withLayer = plain.withLayerAfter(2, layer);
      NDArray x = TensorFixtures.uniform(m, r.stream("x"), 5, Seeds234Fixtures.FEATURES);
      NDArray y = TensorFixtures.labels(m, r.stream("y"), 5, Seeds234Fixtures.CLASSES);
      layer.setNoise(m.zeros(new Shape(5 * 1000)).toType(ai.djl.ndarray.types.DataType.FLOAT64, false));
      float[] a = toFloat(Seeds234Fixtures.flat(withLayer.perSampleGradients(x, y).weightedSum(m.ones(new Shape(5)))));
      float[] b = toFloat(Seeds234Fixtures.flat(plain.perSampleGradients(x, y).weightedSum(m.ones(new Shape(5)))));
      assertTrue(TensorFixtures.relativeError(a, b) < 1e-5);
    }
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  @Test
  void defaultLayer_isTheFirstHiddenActivation_andALayerWithNothingAboveIsRefused() {
    Randomness r = Randomness.seeded(34);
    try (DpModel mlp = Seeds234Fixtures.model("mlp1000", r); DpModel pca = Seeds234Fixtures.model("pca3-mlp1000", r)) {
      assertEquals(2, NeuralDp.defaultLayer(mlp.network().layers()));
      assertEquals(3, NeuralDp.defaultLayer(pca.network().layers()));
      NeuralDp s = (NeuralDp) Seeds234Fixtures.scheme("neuraldp", null, 1.0, 1.0, Map.of("layer", "3"), 100,
          0.1, 10);
      assertThrows(InvalidInputException.class, () -> s.trainingNetwork(mlp.network()));
    }
    assertThrows(InvalidInputException.class, () -> Seeds234Fixtures.scheme("neuraldp", null, 1.0, 1.0,
        Map.of("layer", "-1"), 100, 0.1, 10));
    assertThrows(InvalidInputException.class, () -> Seeds234Fixtures.scheme("neuraldp", null, 1.0, 1.0,
        Map.of("activation-noise", "2"), 100, 0.1, 10), "neuraldp's activation noise is the noise multiplier");
  }

  @Test
  void corrected_gradientNoiseIsDpSgds_onTopOfTheSameActivationNoise() {
    double sigma = 1.3;
    double e = 20;
    double[] noisy = correctedStep(sigma, e);
    double[] clean = correctedStep(0, e);
    double[] z = new double[noisy.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (noisy[i] - clean[i]) * e / sigma;
    }
    assertTrue(looksStandardNormal(z), "gradient noise is not N(0, (sigma C / E)^2)");
  }

  private static double[] correctedStep(double sigma, double e) {
    Randomness r = Randomness.seeded(35);
    NeuralDp s = (NeuralDp) Seeds234Fixtures.scheme("neuraldp-corrected", null, sigma, 1.0,
        Map.of("activation-noise", "0.8"), 200, 0.1, 10);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp1000", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      StepContext ctx = Seeds234Fixtures.step(4, model, m, noise, e, 16, null, r);
      return Seeds234Fixtures.flat(s.gradient(ctx).gradient());
    }
  }

  @Test
  void ledger_neuralDpReleasesTheLowerLayersUnprotected_correctedIsDpSgd() {
    NeuralDp published = (NeuralDp) Seeds234Fixtures.scheme("neuraldp", 3.0, null, 1.0, Map.of(), 1000, 0.02,
        100);
    assertEquals(new DpEvent.NonPrivate(), published.stepEvent(0));
    assertEquals(Double.POSITIVE_INFINITY, new RdpAccountant().epsilon(published.stepEvent(0), 1e-5).epsilon());
    assertEquals(3.0, published.claim().epsilon(), 0);
    assertEquals(3, published.caveats().size());
    // q = 1, one step, sigma = 2: the analytic Gaussian mechanism (Balle & Wang 2018), 1.9930914044151204
    NeuralDp corrected = (NeuralDp) Seeds234Fixtures.scheme("neuraldp-corrected", null, 2.0, 1.0, Map.of(),
        20, 1.0, 1);
    assertEquals(1.9930914044151204, new PldAccountant().epsilon(corrected.stepEvent(0), 1e-5).epsilon(), 1e-6);
  }

  @Test
  void activationReleaseBound_matchesHandDerivations() {
    // One step, always sampled: a Gaussian of multiplier sigma / 2. Over continuous orders,
    // min_a 2a/sigma^2 + ln(1/delta)/(a - 1) = 2/sigma^2 + 2 sqrt(2 ln(1/delta)) / sigma = 2.52426 at
    // sigma 4, delta 1e-5 (Python); the discrete orders give slightly more.
    double one = ActivationReleaseBound.epsilon(4, 1, 1, 1e-5);
    assertTrue(one >= 2.5242629560940406 && one < 2.53, "epsilon " + one);
    // Order 2, sigma 2, q 0.1: ln(0.9 + 0.1 e^(2 * 1 * 2 / 4)) = ln(0.9 + 0.1 e) = 0.15856507874
    assertEquals(0.1585650787404291, ActivationReleaseBound.stepRdp(2, 2, 0.1), 1e-12);
    // Sampling helps, but far less than under add/remove-one: the size of a loss is not amplified.
    double sampled = ActivationReleaseBound.epsilon(2, 0.01, 1000, 1e-5);
    double dpSgd = new RdpAccountant().epsilon(new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.01,
        new DpEvent.Gaussian(2)), 1000), 1e-5).epsilon();
    assertTrue(sampled > 5 * dpSgd, sampled + " vs DP-SGD's " + dpSgd);
  }
}
