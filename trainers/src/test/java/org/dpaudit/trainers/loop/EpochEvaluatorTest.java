package org.dpaudit.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.nn.DpModel;
import org.junit.jupiter.api.Test;

/**
 * Epoch evaluation on a background thread measures the parameters as they were when the epoch
 * ended, even when training changes them meanwhile, and returns results in epoch order; the train
 * accuracy of a large training set is measured on an evenly spaced sample.
 */
class EpochEvaluatorTest {
  private final Dataset train = TrainerFixtures.blobs("train", 600, 20, 4, 1);
  private final Dataset test = TrainerFixtures.blobs("test", 400, 20, 4, 2);

  @Test
  void backgroundResults_areThoseOfTheParametersAtSubmission_inEpochOrder() {
    Randomness r = Randomness.seeded(1);
    try (DpModel model = TrainerFixtures.mlp(train, r); EpochEvaluator ev = new EpochEvaluator(model, train, test, null)) {
      List<double[]> expected = new ArrayList<>();
      for (int epoch = 1; epoch <= 3; epoch++) {
        expected.add(ev.accuracyNow());
        ev.submit(epoch, 10L * epoch, 0.5, () -> 1.0, epoch);
        perturb(model, epoch); // training goes on while the copy is evaluated
      }
      List<EpochMetrics> got = new ArrayList<>(ev.finished());
      got.addAll(ev.awaitAll());
      assertEquals(3, got.size());
      for (int i = 0; i < 3; i++) {
        assertEquals(i + 1, got.get(i).epoch());
        assertEquals(expected.get(i)[0], got.get(i).trainAccuracy(), 0, "train accuracy, epoch " + (i + 1));
        assertEquals(expected.get(i)[1], got.get(i).testAccuracy(), 0, "test accuracy, epoch " + (i + 1));
      }
      assertTrue(expected.get(0)[1] != expected.get(2)[1], "the perturbation must change the accuracy");
    }
  }

  @Test
  void trainSample_isAllMembersUpTo10000_thenEvenlySpaced() {
    assertSame(train, EpochEvaluator.sample(train));
    Dataset big = TrainerFixtures.blobs("big", 25_000, 2, 4, 3);
    Dataset s = EpochEvaluator.sample(big);
    assertEquals(EpochEvaluator.TRAIN_SAMPLE, s.size());
    // Evenly spaced from the start: labels cycle through the classes like the full set's.
    int[] counts = s.classCounts();
    for (int c : counts) {
      assertEquals(2500, c, 1);
    }
  }

  private static void perturb(DpModel model, int epoch) {
    for (Parameter p : model.network().parameters()) {
      p.getArray().addi(0.3f * epoch);
    }
  }
}
