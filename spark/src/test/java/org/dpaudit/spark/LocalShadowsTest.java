package org.dpaudit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
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
 * Shadow models trained as Spark tasks in {@code local[2]} (two at a time in one JVM) are the
 * in-process ones, and the attack's shadow store keeps and reuses them as it does in-process ones.
 */
class LocalShadowsTest {
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

  @Test
  void sparkTasks_giveTheInProcessModels() {
    Dataset pop = blobs(400, 12, 4);
    TrainingConfig cfg = new TrainingConfig("mlp", new DataConfig("blobs", null, null, new SplitSpec()),
        new OptimConfig(2, 25, OptimizerKind.SGD, 0.1, 0.0, LrSchedule.COSINE),
        new PrivacyConfig("dpsgd", 1.0, 1.0, null, 1e-5, SamplerKind.POISSON, Map.of()), ConvGradMethod.AUTO, 0);
    List<int[]> sets = new ArrayList<>();
    RandomGenerator rng = Randomness.seeded(9).stream("sets");
    for (int k = 0; k < 4; k++) {
      int[] set = Arrays.copyOf(Splitter.permutation(300, rng), 120);
      Arrays.sort(set);
      sets.add(set);
    }
    int[] ids = {3, 5, 6, 7};
    int[] eval = java.util.stream.IntStream.range(250, 400).toArray();
    ShadowRecipe recipe = new ShadowRecipe(cfg);
    float[][] here = new SequentialShadowTrainer(Device.cpu()).trainAndPredict(pop, sets, ids, eval, recipe,
        Randomness.seeded(3), m -> { });
    List<String> lines = new ArrayList<>();
    float[][] spark;
    try (SparkJobs jobs = SparkJobs.create(SparkSettings.of("local[2]", Map.of()), lines::add)) {
      spark = new SparkShadowTrainer(jobs).trainAndPredict(pop, sets, ids, eval, recipe, Randomness.seeded(3),
          lines::add);
    }
    for (int k = 0; k < ids.length; k++) {
      assertEquals(eval.length * 4, spark[k].length);
      assertArrayEquals(here[k], spark[k], 1e-6f, "model " + ids[k]);
    }
    assertTrue(lines.stream().filter(l -> l.startsWith("shadow model ")).count() == 4, String.join("\n", lines));
  }

  @Test
  @org.junit.jupiter.api.Tag("slow")
  void liraInLocalMode_givesTheInProcessResult_andARerunReusesItsShadows() {
    java.nio.file.Path run = TargetRun.copy("local");
    List<String> lines = new ArrayList<>();
    org.dpaudit.core.artifact.attack.AttackRecord rec;
    try (SparkJobs jobs = SparkJobs.create(SparkSettings.of("local[2]", Map.of()), lines::add)) {
      rec = org.dpaudit.attacks.AttackRunner.run(run, TargetRun.lira(), new SparkShadowTrainer(jobs), lines::add);
    }
    TargetRun.assertSameAsReference(run, rec);
    assertTrue(rec.details().get("shadowTraining").toString().startsWith("Spark (local[2])"), rec.details().toString());

    List<String> again = new ArrayList<>();
    org.dpaudit.core.artifact.attack.AttackRecord rerun = org.dpaudit.attacks.AttackRunner.run(run, TargetRun.lira(), again::add);
    assertTrue(again.stream().anyMatch(l -> l.startsWith("reusing 4 of 4 shadow models")), String.join("\n", again));
    assertEquals(rec.auc(), rerun.auc(), 0.0);
  }
}
