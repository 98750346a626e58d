package org.dpaudit.trainers.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Map;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.Evaluator;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingListener;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds 002-004's schemes end to end on a little real MNIST: what run.json records, and the model reloads. */
class Seeds234RunTest {
  @TempDir Path dir;

  private RunRecord run(String scheme, String model, int epochs, Map<String, String> options, Path out) {
    TrainingConfig cfg = new TrainingConfig(model,
        new DataConfig("mnist", null, null, new SplitSpec(1000, 0, 500, 1000, 0)),
        new OptimConfig(epochs, 100, OptimizerKind.SGD, 0.1, 0, LrSchedule.CONSTANT),
        new PrivacyConfig(scheme, 4.0, 1.0, null, 1e-5, SamplerKind.POISSON, options), ConvGradMethod.AUTO, 0);
    return TrainingRun.execute(new TrainRequest(cfg, out, DeviceChoice.CPU, 1L, 0, CanaryKind.MISLABELED, false, false),
        TrainingListener.SILENT, m -> { });
  }

  @Test
  void collabDpCorrected_fitsItsPcaOnThePublicPool_provesTheWorkersMax_andItsModelReloadsWithTheProjection() {
    Path out = dir.resolve("collab");
    RunRecord r = run("collab-dp-corrected", "pca20-mlp1000", 1, Map.of("workers", "2"), out);
    assertTrue(r.privacy().caveats().stream().anyMatch(c -> c.contains("attacker pool")), r.privacy().caveats().toString());
    DpEvent e = r.privacy().ledger().entries().get(0).event();
    assertTrue(e instanceof DpEvent.ParallelComposed p && p.events().size() == 2, e.toString());
    assertTrue(r.privacy().accountantEpsilon().isPrivate());
    assertTrue(r.metrics().testAccuracy() > 0.3, "accuracy " + r.metrics().testAccuracy());
    LoadedRun loaded = LoadedRun.open(out, m -> { });
    try (DpModel model = loaded.loadModel(Device.cpu())) {
      assertEquals(r.metrics().testAccuracy(), Evaluator.accuracy(model.network(), model.manager(), loaded.test()), 0,
          "the saved model, projection included, is the model that was evaluated");
    }
    assertEquals(r, Json.read(out.resolve("run.json"), RunRecord.class), "run.json round-trips");
  }

  @Test
  void collabDp_recordsItsPcaOnTheTrainingSet_andTheBatchSizeRelease() {
    RunRecord r = run("collab-dp", "pca20-mlp1000", 1, Map.of("workers", "2", "noise-draw", "summed"),
        dir.resolve("collab-dp"));
    assertTrue(r.privacy().caveats().stream().anyMatch(c -> c.contains("private training set")));
    assertTrue(r.privacy().caveats().stream().anyMatch(c -> c.contains("batch size")));
    assertEquals(Double.POSITIVE_INFINITY, r.privacy().accountantEpsilon().epsilon());
    assertTrue(r.privacy().claimedEpsilon() < Double.POSITIVE_INFINITY);
  }

  /**
   * DP-SGD proves a finite epsilon on its own; a PCA fitted on the private members and released with
   * the model takes it away, and the ledger says so (its first step carries the non-private release),
   * so a recomputation from run.json's ledger agrees.
   */
  @Test
  void dpSgdWithPcaOnTheTrainingSet_provesNoFiniteEpsilon_byItsLedger() {
    RunRecord r = run("dpsgd", "pca20-mlp1000", 1, Map.of(), dir.resolve("dpsgd-pca"));
    assertTrue(r.privacy().caveats().stream().anyMatch(c -> c.contains("private training set")));
    DpEvent first = r.privacy().ledger().entries().get(0).event();
    assertTrue(first instanceof DpEvent.Composed c && c.events().contains(new DpEvent.NonPrivate()), first.toString());
    DpEvent second = r.privacy().ledger().entries().get(r.privacy().ledger().entries().size() - 1).event();
    assertTrue(second instanceof DpEvent.PoissonSampled, "later steps are the scheme's own events: " + second);
    assertEquals(Double.POSITIVE_INFINITY, r.privacy().accountantEpsilon().epsilon());
    assertEquals(Double.POSITIVE_INFINITY,
        new RunAccounting().account(r.privacy().ledger(), r.privacy().delta()).epsilon());
  }

  @Test
  void icgcDp_reportsTheFusedPredictor_neuralDpNone() {
    RunRecord icgc = run("icgc-dp", "mlp", 3, Map.of(), dir.resolve("icgc"));
    assertNotNull(icgc.metrics().fusedTestAccuracy());
    assertTrue(icgc.metrics().fusedTestAccuracy() > 0.3);
    assertEquals(Double.POSITIVE_INFINITY, icgc.privacy().accountantEpsilon().epsilon());
    RunRecord ndp = run("neuraldp", "mlp", 1, Map.of(), dir.resolve("ndp"));
    assertNull(ndp.metrics().fusedTestAccuracy());
    assertEquals(3, ndp.privacy().caveats().size());
    assertEquals(new DpEvent.NonPrivate(), ndp.privacy().ledger().entries().get(0).event());
  }
}
