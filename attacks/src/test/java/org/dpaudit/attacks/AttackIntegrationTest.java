package org.dpaudit.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Map;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.core.artifact.attack.AttackRecord;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a deliberately overfit non-private MNIST model (500 members, 25 epochs), LiRA must beat the
 * loss attack where it matters (TPR at 1% FPR), and a fixed seed must reproduce an attack's scores
 * exactly.
 */
class AttackIntegrationTest {
  @TempDir static Path dir;
  static Path run;

  @BeforeAll
  static void trainOverfitModel() {
    run = dir.resolve("np");
    TrainingConfig cfg = new TrainingConfig("mlp",
        new DataConfig("mnist", null, null, new SplitSpec(500, 500, 2000, 1000, 0)),
        new OptimConfig(25, 50, OptimizerKind.SGD, 0.1, 0.9, LrSchedule.CONSTANT),
        new PrivacyConfig("nonprivate", 1.0, null, null, 1e-5, SamplerKind.POISSON, Map.of()), ConvGradMethod.AUTO, 0);
    TrainingRun.execute(new TrainRequest(cfg, run, DeviceChoice.CPU, 1L, 0, CanaryKind.MISLABELED, false, false),
        TrainingListener.SILENT, m -> { });
  }

  private static AttackRunner.Options options(AttackKind kind, int shadows) {
    return new AttackRunner.Options(kind, shadows, 500, 1.0, true, 7L, Device.cpu(), null);
  }

  @Test
  void lira_beatsTheLossAttack_atOnePercentFpr() {
    AttackRecord loss = AttackRunner.run(run, options(AttackKind.LOSS, 0), m -> { });
    AttackRecord lira = AttackRunner.run(run, options(AttackKind.LIRA, 8), m -> { });
    double lossTpr = loss.tprAtFpr().get("0.01").tpr();
    double liraTpr = lira.tprAtFpr().get("0.01").tpr();
    assertTrue(lira.auc() > 0.6, "LiRA AUC " + lira.auc());
    assertTrue(liraTpr > lossTpr + 0.02, "TPR at 1% FPR: LiRA " + liraTpr + " vs loss " + lossTpr);
    assertTrue(liraTpr > lira.tprAtFpr().get("0.01").fpr(), "LiRA must do better than chance at 1% FPR");
  }

  @Test
  void fixedSeed_reproducesScoresExactly() {
    AttackRunner.run(run, options(AttackKind.RMIA, 2), m -> { });
    MembershipScores first = ScoresFile.read(run.resolve("attacks/rmia-scores.csv"), "rmia");
    AttackRunner.run(run, options(AttackKind.RMIA, 2), m -> { });
    MembershipScores second = ScoresFile.read(run.resolve("attacks/rmia-scores.csv"), "rmia");
    assertEquals(first, second);
    assertEquals(1000, first.size());
  }
}
