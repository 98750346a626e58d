package org.dpaudit.trainers.schemes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.junit.jupiter.api.Test;

class DpSgdSchemeTest {
  @Test
  void emptyBatch_stillGetsNoise_ofStdSigmaCOverE() {
    Randomness r = Randomness.seeded(12);
    try (DpModel model = DpModel.create(ModelZoo.get("mlp", new int[] {1, 8, 8}, 10), Device.cpu(),
        ConvGradMethod.AUTO, r.stream("init")); NDManager m = model.manager().newSubManager();
        // closed before m: the source draws the next step's noise ahead into m's memory
        NoiseSource noise = new NoiseSource(r)) {
      DpSgdScheme s = new DpSgdScheme("dpsgd", 2.0, 1.5, 0.01, new PrivacyClaim(1, 1e-5, "t"));
      StepContext ctx = new StepContext(0, model.network().parameters(), m, noise, 40.0, null, null, model.network());
      NDList g = s.privatize(null, ctx);
      double[] all = g.stream().flatMapToDouble(a -> Arrays.stream(a.toType(ai.djl.ndarray.types.DataType.FLOAT64,
          false).toDoubleArray())).toArray();
      double var = Arrays.stream(all).map(v -> v * v).sum() / all.length;
      double expectedStd = 1.5 * 2.0 / 40.0;
      // ~170k coordinates: the variance estimate has relative sd sqrt(2/n) = 0.34%; 6 sd
      assertEquals(expectedStd * expectedStd, var, 6 * Math.sqrt(2.0 / all.length) * expectedStd * expectedStd);
      assertEquals(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(1.5)), s.stepEvent(0));
    }
  }
}
