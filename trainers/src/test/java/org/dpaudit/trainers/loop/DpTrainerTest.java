package org.dpaudit.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.LedgerEntry;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.junit.jupiter.api.Test;

class DpTrainerTest {
  private final Dataset train = TrainerFixtures.blobs("train", 600, 20, 4, 1);
  private final Dataset test = TrainerFixtures.blobs("test", 400, 20, 4, 2);

  private List<float[]> trainOnce(long seed, double sigma) {
    Randomness r = Randomness.seeded(seed);
    TrainingConfig cfg = TrainerFixtures.config("dpsgd", 2, 60, sigma, 0.5);
    try (DpModel model = TrainerFixtures.mlp(train, r); NoiseSource noise = new NoiseSource(r)) {
      TrainerFixtures.dpSgd(train, test, cfg, r, model, noise).train(null);
      List<float[]> out = new ArrayList<>();
      for (Parameter p : model.network().parameters()) {
        out.add(p.getArray().toFloatArray());
      }
      return out;
    }
  }

  @Test
  void seededRuns_areBitReproducible() {
    List<float[]> a = trainOnce(5, 1.0);
    List<float[]> b = trainOnce(5, 1.0);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "parameter " + i);
    }
    List<float[]> c = trainOnce(6, 1.0);
    assertFalse(java.util.Arrays.equals(a.get(0), c.get(0)), "a different seed must give a different model");
  }

  @Test
  void dpSgd_learnsWellAboveChance_andRecordsOneEventPerStep() {
    Randomness r = Randomness.seeded(3);
    TrainingConfig cfg = TrainerFixtures.config("dpsgd", 3, 60, 0.8, 0.5);
    try (DpModel model = TrainerFixtures.mlp(train, r); NoiseSource noise = new NoiseSource(r)) {
      DpTrainer trainer = TrainerFixtures.dpSgd(train, test, cfg, r, model, noise);
      TrainingResult res = trainer.train(null);
      assertTrue(res.testAccuracy() > 0.7, "test accuracy " + res.testAccuracy() + " (chance 0.25)");
      assertEquals(30, res.ledger().steps());
      assertEquals(1, res.ledger().entries().size(), "identical steps are run-length compressed");
      LedgerEntry e = res.ledger().entries().get(0);
      assertEquals(new DpEvent.PoissonSampled(0.1, new DpEvent.Gaussian(0.8)), e.event());
      assertEquals(3, res.history().size());
    }
  }
}
