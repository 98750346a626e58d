package org.dpaudit.attacks.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.junit.jupiter.api.Test;

/**
 * White-box inversion climbs the input gradient of a dpaudit model; a gradient of zeros (DJL's
 * answer for a non-leaf array) or of the wrong class would make it climb nothing. Checked against
 * central finite differences of the log-probability the target itself reports.
 */
class ModelTargetTest {
  private static final int[] SHAPE = {1, 8, 8};

  private static DpModel model() {
    return DpModel.create(ModelZoo.get("mlp", SHAPE, 10), Device.cpu(), ConvGradMethod.AUTO,
        Randomness.seeded(3).stream("init"));
  }

  @Test
  void inputGradient_matchesFiniteDifferencesOfTheLogProbability() {
    try (ModelTarget t = new ModelTarget(model(), "mlp")) {
      float[] x = new float[64];
      var rng = Randomness.seeded(4).stream("x");
      for (int j = 0; j < x.length; j++) {
        x[j] = (float) rng.nextDouble();
      }
      int[] target = {6};
      WhiteBoxTarget.Gradient g = t.logProbabilityGradient(x, SHAPE, target);
      double norm = 0;
      for (float v : g.inputGradients()) {
        norm += v * v;
      }
      assertTrue(norm > 1e-8, "the input gradient is not zero");
      double h = 1e-2;
      for (int j = 0; j < x.length; j += 7) {
        float[] up = x.clone();
        float[] down = x.clone();
        up[j] += (float) h;
        down[j] -= (float) h;
        double fd = (t.logProbabilityGradient(up, SHAPE, target).logProbabilities()[0]
            - t.logProbabilityGradient(down, SHAPE, target).logProbabilities()[0]) / (2 * h);
        assertEquals(fd, g.inputGradients()[j], 2e-3 + 0.05 * Math.abs(fd), "pixel " + j);
      }
    }
  }

  @Test
  void inputsThatDoNotMatchTheShape_areAnInputError() {
    try (ModelTarget t = new ModelTarget(model(), "mlp")) {
      assertThrows(InvalidInputException.class, () -> t.logProbabilityGradient(new float[63], SHAPE, new int[] {1}));
    }
  }
}
