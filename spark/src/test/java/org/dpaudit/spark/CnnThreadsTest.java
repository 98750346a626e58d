package org.dpaudit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.dpaudit.attacks.shadow.ParallelShadowTrainer;
import org.dpaudit.attacks.shadow.ShadowRecipe;
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
import org.junit.jupiter.api.Test;

/**
 * CNN shadow models: Spark tasks (one PyTorch thread each in local[2]) give bit for bit the models
 * of the in-process trainer (one thread per model, {@link ParallelShadowTrainer}). One thread per
 * model everywhere is what makes this hold: convolutions round differently with 2 threads.
 */
class CnnThreadsTest {
  @Test
  void cnnShadowsOnSpark_equalTheInProcessOnes_bitForBit() {
    RandomGenerator rng = Randomness.seeded(5).stream("images");
    int n = 240;
    float[] x = new float[n * 28 * 28];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 4;
      for (int j = 0; j < 28 * 28; j++) {
        x[i * 784 + j] = (float) ((j % 4 == y[i] ? 0.6 : 0.0) + 0.4 * rng.nextDouble());
      }
    }
    Dataset pop = new Dataset("images", x, y, new int[] {1, 28, 28}, List.of("a", "b", "c", "d"));
    TrainingConfig cfg = new TrainingConfig("cnn", new DataConfig("images", null, null, new SplitSpec()),
        new OptimConfig(2, 32, OptimizerKind.SGD, 0.1, 0.9, LrSchedule.CONSTANT),
        new PrivacyConfig("nonprivate", 1.0, null, null, 1e-5, SamplerKind.POISSON, Map.of()), ConvGradMethod.AUTO, 0);
    List<int[]> sets = new ArrayList<>();
    RandomGenerator pick = Randomness.seeded(9).stream("sets");
    for (int k = 0; k < 2; k++) {
      int[] set = Arrays.copyOf(Splitter.permutation(200, pick), 100);
      Arrays.sort(set);
      sets.add(set);
    }
    int[] ids = {0, 1};
    int[] eval = java.util.stream.IntStream.range(150, 240).toArray();
    ShadowRecipe recipe = new ShadowRecipe(cfg);
    float[][] here = new ParallelShadowTrainer(Device.cpu()).trainAndPredict(pop, sets, ids, eval, recipe,
        Randomness.seeded(3), m -> { });
    float[][] spark;
    try (SparkJobs jobs = SparkJobs.create(SparkSettings.of("local[2]", Map.of()), m -> { })) {
      spark = new SparkShadowTrainer(jobs).trainAndPredict(pop, sets, ids, eval, recipe, Randomness.seeded(3),
          m -> { });
    }
    for (int k = 0; k < ids.length; k++) {
      assertTrue(Arrays.stream(toDouble(here[k])).map(Math::abs).max().orElse(0) > 0.1, "the model learned");
      assertArrayEquals(here[k], spark[k], 0f, "model " + k + ": bit for bit");
    }
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
