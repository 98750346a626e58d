package org.dpaudit.trainers.grad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.random.RandomGenerator;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.TensorFixtures;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.schemes.DpSgdScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.junit.jupiter.api.Test;

/** Every clipped per-example gradient has norm at most C: the sensitivity the accountant assumes. */
class ClippingTest {
  @Test
  void clippedPerExampleGradients_haveNormAtMostC() {
    Randomness r = Randomness.seeded(8);
    try (DpModel model = DpModel.create(ModelZoo.get("cnn", new int[] {1, 28, 28}, 10), Device.cpu(),
        ConvGradMethod.AUTO, r.stream("init")); NDManager m = model.manager().newSubManager()) {
      RandomGenerator rng = r.stream("data");
      NDArray x = TensorFixtures.uniform(m, rng, 16, 1, 28, 28).mul(40);
      NDArray y = TensorFixtures.labels(m, rng, 16, 10);
      PerSampleGradients g = model.network().perSampleGradients(x, y);
      for (double clip : new double[] {0.01, 1.0, 100.0}) {
        DpSgdScheme s = new DpSgdScheme("dpsgd", clip, 1.0, 0.1, new PrivacyClaim(1, 1e-5, "t"));
        float[] norms = g.norms().toFloatArray();
        float[] c = s.clipCoefficients(g).toFloatArray();
        boolean someClipped = false;
        for (int i = 0; i < norms.length; i++) {
          double clippedNorm = (double) c[i] * norms[i];
          assertTrue(clippedNorm <= clip * (1 + 1e-6), "example " + i + ": " + clippedNorm + " > " + clip);
          assertTrue(c[i] <= 1f);
          someClipped |= c[i] < 1f;
        }
        if (clip == 0.01) {
          assertTrue(someClipped, "with a tiny C every example must be clipped");
        }
      }
    }
  }
}
