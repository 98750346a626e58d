package org.dpaudit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.dpaudit.attacks.shadow.SequentialShadowTrainer;
import org.dpaudit.attacks.shadow.ShadowRecipe;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.datasets.split.Splitter;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.loop.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.junit.jupiter.api.Test;

/**
 * CNN shadow models: Spark tasks (one PyTorch thread each in local[2]) give exactly the models of
 * an in-process run with one thread. (With two threads in-process they differ: convolutions round
 * differently per thread count, which docs/spark.md states.)
 */
class CnnThreadsTest {
  @Test
  void cnnShadowsOnSpark_equalInProcessOnesAtTheSameThreadCount() {
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
    Engines.engine();
    int threads = JniUtils.getNumThreads();
    float[][] here;
    try {
      JniUtils.setNumThreads(1);
      here = new SequentialShadowTrainer(Device.cpu()).trainAndPredict(pop, sets, ids, eval, recipe,
          Randomness.seeded(3), m -> { });
    } finally {
      JniUtils.setNumThreads(threads);
    }
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
