package org.dpaudit.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.schemes.DpSgdScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.junit.jupiter.api.Test;

/**
 * A run with {@code emaDecay} trains exactly the iterates of a run without it (the average is
 * post-processing) and releases their exponential moving average, recomputed here in doubles from
 * the iterates the listener sees after every step, with the warm-up decay min(d, (1+t)/(10+t)).
 */
class AveragedTrainingTest {
  private final Dataset train = TrainerFixtures.blobs("train", 600, 20, 4, 1);
  private final Dataset test = TrainerFixtures.blobs("test", 400, 20, 4, 2);

  private static List<float[]> values(DpModel model) {
    List<float[]> out = new ArrayList<>();
    for (Parameter p : model.network().parameters()) {
      out.add(p.getArray().toFloatArray());
    }
    return out;
  }

  /** The run's iterates after each step (index 0: the initial parameters), and its released model. */
  private record Run(List<List<float[]>> iterates, List<float[]> released, TrainingResult result, double measuredTest) {}

  private Run train(Double emaDecay) {
    Randomness r = Randomness.seeded(7);
    TrainingConfig base = TrainerFixtures.config("dpsgd", 2, 60, 1.0, 0.5);
    TrainingConfig cfg = new TrainingConfig(base.model(), base.data(), base.optim().withEmaDecay(emaDecay),
        base.privacy(), base.convGrad(), base.checkpointEvery());
    try (DpModel model = TrainerFixtures.mlp(train, r); NoiseSource noise = new NoiseSource(r)) {
      List<List<float[]>> iterates = new ArrayList<>();
      iterates.add(values(model));
      BatchSampler sampler = new BatchSampler(cfg.privacy().sampler(), train.size(), cfg.optim().batchSize(), r);
      DpSgdScheme scheme = new DpSgdScheme("dpsgd", 1.0, 1.0, sampler.samplingRate(), new PrivacyClaim(1, 1e-5, "test"));
      TrainingListener listener = new TrainingListener() {
        @Override
        public void stepDone(long step, long totalSteps, double meanLoss) {
          iterates.add(values(model));
        }
      };
      TrainingResult res = DpTrainer.builder().setConfig(cfg).setData(train, test).setModel(model).setScheme(scheme)
          .setSampler(sampler).setNoise(noise).setRandomness(r).optListener(listener).build().train(null);
      return new Run(iterates, values(model), res, Evaluator.accuracy(model.network(), model.manager(), test));
    }
  }

  @Test
  void averagedRun_trainsTheSameIterates_andReleasesTheirMovingAverage() {
    double decay = 0.5; // the warm-up (1+t)/(10+t) is below 0.5 for the first 7 updates, then 0.5
    Run plain = train(null);
    Run averaged = train(decay);
    assertEquals(21, averaged.iterates().size(), "20 steps");
    for (int t = 0; t < plain.iterates().size(); t++) {
      for (int i = 0; i < plain.iterates().get(t).size(); i++) {
        assertArrayEquals(plain.iterates().get(t).get(i), averaged.iterates().get(t).get(i), "iterate " + t + " tensor " + i);
      }
    }
    assertEquals(plain.result().ledger(), averaged.result().ledger(), "the same ledger: averaging is post-processing");
    List<float[]> last = plain.iterates().get(plain.iterates().size() - 1);
    for (int i = 0; i < last.size(); i++) {
      assertArrayEquals(last.get(i), plain.released().get(i), "without averaging the last iterate is released");
    }
    for (int i = 0; i < last.size(); i++) {
      double[] a = new double[last.get(i).length];
      float[] w0 = averaged.iterates().get(0).get(i);
      for (int k = 0; k < a.length; k++) {
        a[k] = w0[k];
      }
      for (int t = 1; t < averaged.iterates().size(); t++) {
        double d = Math.min(decay, (1.0 + t) / (10.0 + t));
        float[] w = averaged.iterates().get(t).get(i);
        for (int k = 0; k < a.length; k++) {
          a[k] = d * a[k] + (1 - d) * w[k];
        }
      }
      float[] released = averaged.released().get(i);
      for (int k = 0; k < a.length; k++) {
        assertEquals(a[k], released[k], 1e-5 + 1e-5 * Math.abs(a[k]), "tensor " + i + " coordinate " + k);
      }
      assertFalse(Arrays.equals(last.get(i), released), "the average is not the last iterate");
    }
    assertEquals(averaged.measuredTest(), averaged.result().testAccuracy(), 1e-12,
        "the reported test accuracy is the released average's");
    assertTrue(averaged.result().history().stream().allMatch(m -> !Double.isNaN(m.testAccuracy())));
  }
}
