package org.dpaudit.attacks.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.datasets.split.Splitter;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The batched trainer must give the same models as training them one by one: same initial
 * weights, batches and noise per model, so the only difference left is floating-point rounding of
 * batched versus single matrix products.
 */
class BatchedMlpTrainerTest {
  static Dataset blobs(int n, int d, int classes) {
    RandomGenerator rng = Randomness.seeded(4).stream("blobs");
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) ((j % classes == y[i] ? 1.0 : 0.0) + 0.5 * (rng.nextDouble() - 0.5));
      }
    }
    return new Dataset("blobs", x, y, new int[] {d}, List.of("a", "b", "c", "d"));
  }

  @ParameterizedTest
  @CsvSource({"dpsgd, 1.0, SGD, 0.0", "nonprivate, 0, SGD, 0.9", "dpsgd, 0.7, ADAM, 0.0"})
  void batched_equalsSequential(String scheme, double sigma, OptimizerKind optimizer, double momentum) {
    Dataset pop = blobs(300, 12, 4);
    TrainingConfig cfg = new TrainingConfig("mlp", new DataConfig("blobs", null, null, new SplitSpec()),
        new OptimConfig(2, 25, optimizer, optimizer == OptimizerKind.ADAM ? 0.01 : 0.1, momentum, LrSchedule.COSINE),
        new PrivacyConfig(scheme, 1.0, "nonprivate".equals(scheme) ? null : sigma, null, 1e-5, SamplerKind.POISSON,
            Map.of()), ConvGradMethod.AUTO, 0);
    ShadowRecipe recipe = new ShadowRecipe(cfg);
    List<int[]> sets = new ArrayList<>();
    RandomGenerator rng = Randomness.seeded(9).stream("sets");
    for (int k = 0; k < 3; k++) {
      int[] perm = Splitter.permutation(pop.size(), rng);
      int[] set = java.util.Arrays.copyOf(perm, 120);
      java.util.Arrays.sort(set);
      sets.add(set);
    }
    int[] eval = java.util.stream.IntStream.range(0, 60).toArray();
    float[][] batched = new BatchedMlpTrainer(Device.cpu()).trainAndPredict(pop, sets, eval, recipe,
        Randomness.seeded(3), m -> { });
    float[][] sequential = new SequentialShadowTrainer(Device.cpu()).trainAndPredict(pop, sets, eval, recipe,
        Randomness.seeded(3), m -> { });
    for (int k = 0; k < sets.size(); k++) {
      double maxDiff = 0;
      double maxRef = 0;
      for (int i = 0; i < batched[k].length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(batched[k][i] - sequential[k][i]));
        maxRef = Math.max(maxRef, Math.abs(sequential[k][i]));
      }
      assertTrue(maxRef > 0.1, "the models learned something");
      assertTrue(maxDiff / maxRef < 1e-4, "model " + k + ": relative logit difference " + maxDiff / maxRef);
    }
    assertEquals(sets.size(), batched.length);
  }
}
