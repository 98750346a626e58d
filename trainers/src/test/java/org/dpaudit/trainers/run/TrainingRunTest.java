package org.dpaudit.trainers.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.random.RandomnessMode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short DP-SGD run on real MNIST: it learns well above chance and writes a complete run.json. */
class TrainingRunTest {
  @TempDir Path dir;

  @Test
  void shortDpSgdRunOnMnist_learns_andRecordsWhatItDid() {
    TrainingConfig cfg = new TrainingConfig("mlp",
        new DataConfig("mnist", null, null, new SplitSpec(4000, 500, 500, 2000, 0)),
        new OptimConfig(3, 200, OptimizerKind.SGD, 0.5, 0.5, LrSchedule.CONSTANT),
        new PrivacyConfig("dpsgd", 1.0, 0.8, null, 1e-5, SamplerKind.POISSON, Map.of()), ConvGradMethod.AUTO, 0);
    Path out = dir.resolve("run");
    RunRecord run = TrainingRun.execute(new TrainRequest(cfg, out, DeviceChoice.CPU, 1L, 20, CanaryKind.MISLABELED,
        false, false), TrainingListener.SILENT, m -> { });
    assertTrue(run.metrics().testAccuracy() > 0.6, "test accuracy " + run.metrics().testAccuracy() + " (chance 0.1)");
    // q and the steps come from the public size 4000 + 20/2: how many canaries went in stays secret
    assertEquals(4010, run.privacy().trainingExamples());
    assertEquals(3 * 21, run.privacy().steps());
    assertEquals(new DpEvent.PoissonSampled(200.0 / 4010, new DpEvent.Gaussian(0.8)),
        run.privacy().ledger().entries().get(0).event());
    assertTrue(run.privacy().accountantEpsilon().pld().epsilon() <= run.privacy().accountantEpsilon().rdp().epsilon());
    assertEquals(RandomnessMode.SEEDED, run.provenance().randomness().mode());
    assertEquals(20, run.canaries().count());
    RunRecord back = Json.read(out.resolve("run.json"), RunRecord.class);
    assertEquals(run, back, "run.json round-trips");
    assertEquals(cfg, LoadedRun.config(back));
  }

  /** A scheme option found wrong after the canaries were written: no half-written run directory stays. */
  @Test
  void badInputFoundMidSetup_leavesNoDirectoryItCreated_butKeepsOneThatExisted() throws Exception {
    TrainingConfig bad = new TrainingConfig("mlp",
        new DataConfig("mnist", null, null, new SplitSpec(300, 0, 0, 100, 0)),
        new OptimConfig(1, 100, OptimizerKind.SGD, 0.1, 0, LrSchedule.CONSTANT),
        new PrivacyConfig("icgc-dp", 1.0, 1.0, null, 1e-5, SamplerKind.POISSON, Map.of("min-threshold", "-1")),
        ConvGradMethod.AUTO, 0);
    Path fresh = dir.resolve("fresh");
    assertThrows(InvalidInputException.class, () -> TrainingRun.execute(new TrainRequest(bad, fresh, DeviceChoice.CPU,
        1L, 10, CanaryKind.MISLABELED, false, false), TrainingListener.SILENT, m -> { }));
    assertFalse(Files.exists(fresh), "the directory this run created is gone");

    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "the user's");
    assertThrows(InvalidInputException.class, () -> TrainingRun.execute(new TrainRequest(bad, mine, DeviceChoice.CPU,
        1L, 10, CanaryKind.MISLABELED, false, false), TrainingListener.SILENT, m -> { }));
    assertTrue(Files.isRegularFile(mine.resolve("notes.txt")), "a directory that existed before is not removed");
  }
}
