package org.dpaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.attacks.AttackRunner;
import org.dpaudit.attacks.ScoresFile;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.attacks.shadow.ShadowScores;
import org.dpaudit.attacks.shadow.ShadowScoresFile;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingListener;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;

/**
 * A small overfit MNIST target (200 members, 30 epochs of an MLP) and its 4-shadow LiRA computed
 * in-process with the one-by-one trainer, once per test JVM: the reference every Spark run of the
 * same attack is compared with.
 */
final class TargetRun {
  static final int SHADOWS = 4;
  private static Path dir;
  private static Path run;
  private static Path reference;
  private static AttackRecord referenceRecord;

  private TargetRun() {}

  /** A fresh copy of the target run (no attacks yet). */
  static synchronized Path copy(String name) {
    ensure();
    Path to = dir.resolve(name);
    copyTree(run, to);
    return to;
  }

  /** The in-process LiRA's run directory (shadows under shadows/lira/). */
  static synchronized Path reference() {
    ensure();
    return reference;
  }

  static synchronized AttackRecord referenceRecord() {
    ensure();
    return referenceRecord;
  }

  static AttackRunner.Options lira() {
    return new AttackRunner.Options(AttackKind.LIRA, SHADOWS, 500, 1.0, false, 7L, Device.cpu(), null);
  }

  /** Asserts that {@code got} holds the reference's shadows (logits to 1e-6) and the same LiRA scores and AUC. */
  static void assertSameAsReference(Path got, AttackRecord rec) {
    List<Path> want = ShadowScoresFile.files(reference().resolve("shadows/lira"));
    List<Path> have = ShadowScoresFile.files(got.resolve("shadows/lira"));
    assertEquals(want.stream().map(Path::getFileName).toList(), have.stream().map(Path::getFileName).toList());
    for (int k = 0; k < want.size(); k++) {
      ShadowScores a = ShadowScoresFile.read(want.get(k));
      ShadowScores b = ShadowScoresFile.read(have.get(k));
      float[] za = a.logits(a.examples());
      float[] zb = b.logits(a.examples());
      double max = 0;
      for (int i = 0; i < za.length; i++) {
        max = Math.max(max, Math.abs(za[i] - zb[i]));
      }
      assertTrue(max <= 1e-6, want.get(k).getFileName() + ": logits differ by up to " + max);
      assertTrue(java.util.Arrays.equals(a.in(a.examples()), b.in(a.examples())), "membership of " + k);
    }
    MembershipScores sa = ScoresFile.read(reference().resolve("attacks/lira-scores.csv"), "lira");
    MembershipScores sb = ScoresFile.read(got.resolve("attacks/lira-scores.csv"), "lira");
    double[] x = sa.scores();
    double[] y = sb.scores();
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i], y[i], 1e-6 * Math.max(1, Math.abs(x[i])), "LiRA score " + i);
    }
    assertEquals(referenceRecord().auc(), rec.auc(), 1e-6, "AUC");
  }

  private static void ensure() {
    if (dir != null) {
      return;
    }
    try {
      dir = Files.createTempDirectory("dpaudit-spark-test-");
      Path made = dir;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(made)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run = dir.resolve("target");
    TrainingConfig cfg = new TrainingConfig("mlp", new DataConfig("mnist", null, null,
        new SplitSpec(200, 200, 1000, 500, 0)), new OptimConfig(30, 50, OptimizerKind.SGD, 0.1, 0.9,
        LrSchedule.CONSTANT), new PrivacyConfig("nonprivate", 1.0, null, null, 1e-5, SamplerKind.POISSON, Map.of()),
        ConvGradMethod.AUTO, 0);
    TrainingRun.execute(new TrainRequest(cfg, run, DeviceChoice.CPU, 1L, 0, CanaryKind.MISLABELED, false, false),
        TrainingListener.SILENT, m -> { });
    reference = dir.resolve("in-process");
    copyTree(run, reference);
    referenceRecord = AttackRunner.run(reference, lira(), m -> { });
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException ignored) {
      // a temporary directory left behind is harmless
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
