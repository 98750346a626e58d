package org.dpaudit.attacks.shadow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.datasets.split.Splitter;
import org.dpaudit.trainers.engine.Engines;
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
 * Models trained side by side, one thread each, are bit for bit the models trained one after
 * another with one PyTorch thread (what a one-core Spark task does), whatever thread count the
 * caller has.
 */
class ParallelShadowTrainerTest {
  @ParameterizedTest
  @CsvSource({"cnn, nonprivate", "cnn, dpsgd", "mlp, dpsgd"})
  void parallel_equalsOneByOneAtOneThread(String model, String scheme) {
    RandomGenerator rng = Randomness.seeded(5).stream("images");
    int n = 200;
    float[] x = new float[n * 784];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 4;
      for (int j = 0; j < 784; j++) {
        x[i * 784 + j] = (float) ((j % 4 == y[i] ? 0.6 : 0.0) + 0.4 * rng.nextDouble());
      }
    }
    Dataset pop = new Dataset("images", x, y, new int[] {1, 28, 28}, List.of("a", "b", "c", "d"));
    TrainingConfig cfg = new TrainingConfig(model, new DataConfig("images", null, null, new SplitSpec()),
        new OptimConfig(2, 32, OptimizerKind.SGD, 0.1, 0.9, LrSchedule.CONSTANT), new PrivacyConfig(scheme, 1.0,
        "nonprivate".equals(scheme) ? null : 1.0, null, 1e-5, SamplerKind.POISSON, Map.of()), ConvGradMethod.AUTO, 0);
    List<int[]> sets = new ArrayList<>();
    RandomGenerator pick = Randomness.seeded(9).stream("sets");
    for (int k = 0; k < 3; k++) {
      int[] set = Arrays.copyOf(Splitter.permutation(160, pick), 80);
      Arrays.sort(set);
      sets.add(set);
    }
    int[] ids = {4, 5, 6};
    int[] eval = java.util.stream.IntStream.range(120, 200).toArray();
    ShadowRecipe recipe = new ShadowRecipe(cfg);
    Engines.engine();
    int threads = JniUtils.getNumThreads();
    float[][] oneByOne;
    try {
      JniUtils.setNumThreads(1);
      oneByOne = new SequentialShadowTrainer(Device.cpu()).trainAndPredict(pop, sets, ids, eval, recipe,
          Randomness.seeded(3), m -> { });
    } finally {
      JniUtils.setNumThreads(threads);
    }
    float[][] parallel = new ParallelShadowTrainer(Device.cpu(), 2).trainAndPredict(pop, sets, ids, eval, recipe,
        Randomness.seeded(3), m -> { });
    for (int k = 0; k < ids.length; k++) {
      double max = 0;
      for (float v : oneByOne[k]) {
        max = Math.max(max, Math.abs(v));
      }
      assertTrue(max > 0.1, "model " + k + " learned something");
      assertArrayEquals(oneByOne[k], parallel[k], 0f, "model " + ids[k] + ": bit for bit");
    }
    assertTrue(JniUtils.getNumThreads() == threads, "the caller's threads are restored");
  }
}
