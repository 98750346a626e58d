package org.dpaudit.trainers.canary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.grad.CanaryRows;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainerFixtures;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingListener;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** White-box canaries in the trainer: canary rows, the recorder, whole runs of every scheme. */
class WhiteBoxTrainingTest {
  @TempDir Path tmp;

  @Test
  void canaryRows_addNormsAndAnAuditTensor_andNothingElse() {
    Dataset d = TrainerFixtures.blobs("t", 8, 5, 3, 1);
    Randomness r = Randomness.seeded(1);
    try (DpModel model = TrainerFixtures.mlp(d, r); NDManager m = model.manager().newSubManager()) {
      NDArray x = org.dpaudit.trainers.loop.Evaluator.batch(m, d, new int[] {0, 1, 2});
      NDArray y = org.dpaudit.trainers.loop.Evaluator.labels(m, d, new int[] {0, 1, 2});
      PerSampleGradients real = model.network().perSampleGradients(x, y);
      int last = real.layerCount() - 1;
      CanaryRows rows = new CanaryRows(new int[] {4, 1}, 10, 6, last);
      PerSampleGradients g = real.withCanaries(rows);
      assertEquals(5, g.batchSize());
      assertEquals(3, g.realRows());
      float[] norms = g.norms().toFloatArray();
      float[] realNorms = real.norms().toFloatArray();
      for (int i = 0; i < 3; i++) {
        assertEquals(realNorms[i], norms[i], 1e-5f);
      }
      assertEquals(10f, norms[3], 1e-5f);
      assertEquals(10f, norms[4], 1e-5f);
      assertEquals(0f, g.layerSquaredNorms(0).toFloatArray()[3], 0f, "canary rows are 0 outside the host layer");
      NDArray c = m.create(new float[] {1, 1, 1, 0.5f, 0.25f});
      NDList sum = g.weightedSum(c);
      NDList realSum = real.weightedSum(m.create(new float[] {1, 1, 1}));
      assertEquals(realSum.size() + 1, sum.size(), "one more array: the audit tensor, last");
      for (int i = 0; i < realSum.size(); i++) {
        assertArrayEquals(realSum.get(i).toFloatArray(), sum.get(i).toFloatArray(), 1e-5f);
      }
      assertArrayEquals(new float[] {0, 2.5f, 0, 0, 5f, 0}, sum.get(sum.size() - 1).toFloatArray(), 1e-6f);
      PerSampleGradients only = PerSampleGradients.canariesOnly(model.network(), m, rows);
      assertEquals(2, only.batchSize());
      NDList onlySum = only.weightedSum(m.create(new float[] {1, 1}));
      assertEquals(0f, onlySum.get(0).abs().sum().getFloat(), 0f);
      assertArrayEquals(new float[] {0, 10, 0, 0, 10, 0}, onlySum.get(onlySum.size() - 1).toFloatArray(), 1e-6f);
      assertEquals(new Shape(6), onlySum.get(onlySum.size() - 1).getShape());
    }
  }

  @Test
  void recorderState_roundTrips_andRefusesAnotherRun() {
    WhiteBoxRecorder rec = new WhiteBoxRecorder(3, 2, WhiteBoxRecorder.replaySteps(4, 2));
    var event = new org.dpaudit.core.privacy.DpEvent.PoissonSampled(0.5,
        new org.dpaudit.core.privacy.DpEvent.Gaussian(1.2));
    rec.record(0, new float[] {0.1f, 2f, -1f, 0.3f, 0.2f}, event, 0.5);
    rec.replayed(new ReplayRecord(1, java.util.List.of(new ResidualStats("layer1.weight", 10, 0.5, 9.5))));
    rec.record(1, new float[] {1f, 0f, 0f, -0.3f, 0.4f}, event, 0.5);
    WhiteBoxRecorder back = WhiteBoxRecorder.decode(rec.encode(), 3, 2);
    assertEquals(2, back.steps());
    assertArrayEquals(rec.summary().logLikelihood(), back.summary().logLikelihood(), 0);
    assertArrayEquals(rec.summary().nullSquares(), back.summary().nullSquares(), 0);
    assertEquals(rec.summary().replay(), back.summary().replay());
    // observations are divided by the unit: 0.1 / 0.5 and 1.0 / 0.5
    assertEquals(0.2 + 2.0, rec.summary().sums()[0], 1e-6);
    assertThrows(ArtifactException.class, () -> WhiteBoxRecorder.decode(rec.encode(), 4, 2));
    assertThrows(InvalidInputException.class, () -> rec.record(5, new float[5], event, 0.5), "steps in order");
  }

  private TrainingConfig config(String scheme, Map<String, String> options, String model) {
    return new TrainingConfig(model, new DataConfig("mnist", null, null, new SplitSpec(300, 0, 0, 200, 0)),
        new OptimConfig(2, 50, OptimizerKind.SGD, 0.5, 0.0, LrSchedule.CONSTANT),
        scheme.startsWith("enadpp") || scheme.startsWith("adppl")
            ? new PrivacyConfig(scheme, 1.0, null, 2.0, 1e-5, SamplerKind.POISSON, options)
            : new PrivacyConfig(scheme, 1.0, 1.0, null, 1e-5, SamplerKind.POISSON, options), ConvGradMethod.AUTO, 0);
  }

  private RunRecord train(String name, TrainingConfig cfg, int canaries) {
    return TrainingRun.execute(new TrainRequest(cfg, tmp.resolve(name), DeviceChoice.CPU, 3L, canaries,
        CanaryKind.GRADIENT, false, false), TrainingListener.SILENT, m -> { });
  }

  @Test
  void dpSgdRun_recordsEveryStep_andReplaysTheNoiseOfEveryTensor() {
    RunRecord run = train("dpsgd", config("dpsgd", Map.of(), "mlp"), 400);
    assertEquals("gradient", run.canaries().kind());
    assertNotNull(run.canaries().observationsFile());
    // q, steps and the divisor do not count white-box canaries
    assertEquals(300, run.privacy().trainingExamples());
    WhiteBoxFiles.Data data = WhiteBoxFiles.read(RunDirectory.open(tmp.resolve("dpsgd")),
        run.canaries().observationsFile(), run.canaries().observationsSha256());
    WhiteBoxObservations o = data.observations();
    assertEquals(run.privacy().steps(), o.steps());
    assertEquals("gaussian", o.model());
    assertTrue(o.standardised() && o.scaled());
    assertEquals(8, o.replay().size(), "every replay step of the 12");
    for (ReplayRecord r : o.replay()) {
      assertEquals(7, r.tensors().size(), "3 layers x (weight, bias) + the audit tensor");
      for (ResidualStats s : r.tensors()) {
        // standardised noise: mean square 1 up to chi-square's spread (count >= 10)
        double ms = s.sumSquares() / s.count();
        assertTrue(Math.abs(ms - 1) < 6 * Math.sqrt(2.0 / s.count()) + 1e-9, s.tensor() + " mean square " + ms);
      }
    }
    double nullMs = java.util.Arrays.stream(o.nullSquares()).sum() / (o.steps() * o.nullCoordinates());
    assertEquals(1, nullMs, 0.02, "null coordinates carry the ledger's noise");
    boolean[] in = RunDirectory.open(tmp.resolve("dpsgd")).readJson(RunLayout.CANARY_INCLUSION,
        TrainingRun.CanaryInclusion.class).included();
    // included canaries add about q T each (q = 1/6, T = 12: 2); excluded ones 0
    double inMean = 0;
    double outMean = 0;
    int nIn = 0;
    for (int c = 0; c < in.length; c++) {
      if (in[c]) {
        inMean += data.sums()[c];
        nIn++;
      } else {
        outMean += data.sums()[c];
      }
    }
    inMean /= nIn;
    outMean /= in.length - nIn;
    assertEquals(2.0, inMean, 0.5, "in: q T sampled steps of 1 each");
    assertEquals(0.0, outMean, 0.5, "out: noise only");
  }

  @Test
  void everySchemeRunsWithGradientCanaries() {
    String[][] schemes = {{"appdl", "mlp"}, {"icgc-dp", "mlp"}, {"icgc-dp-corrected", "mlp"},
        {"enadpp-corrected", "mlp"}, {"enadpp", "mlp"}, {"collab-dp-corrected", "mlp"}, {"collab-dp", "mlp"}, {"neuraldp-corrected", "mlp"}, {"neuraldp", "mlp"}};
    for (String[] s : schemes) {
      RunRecord run = train(s[0], config(s[0], Map.of(), s[1]), 100);
      if (s[0].equals("enadpp")) {
        assertEquals(Double.POSITIVE_INFINITY, run.privacy().accountantEpsilon().epsilon(), "data-dependent noise");
        assertTrue(run.privacy().ledger().composedEvent().toString().contains("NonPrivate"), "recorded as released");
      }
      assertEquals(run.privacy().steps(), WhiteBoxFiles.read(RunDirectory.open(tmp.resolve(s[0])),
          run.canaries().observationsFile(), run.canaries().observationsSha256()).observations().steps(), s[0]);
    }
  }

  @Test
  void nonPrivateTraining_refusesGradientCanaries() {
    TrainingConfig cfg = new TrainingConfig("mlp", new DataConfig("mnist", null, null, new SplitSpec(100, 0, 0, 100, 0)),
        new OptimConfig(1, 50, OptimizerKind.SGD, 0.5, 0.0, LrSchedule.CONSTANT),
        new PrivacyConfig("nonprivate", 1.0, null, null, 1e-5, SamplerKind.POISSON, Map.of()), ConvGradMethod.AUTO, 0);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> train("np", cfg, 10));
    assertTrue(e.getMessage().contains("use --canary-kind mislabeled"), e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("np")), "nothing half-written");
  }

  @Test
  void changedObservations_areRefused() throws Exception {
    RunRecord run = train("t", config("dpsgd", Map.of(), "mlp"), 50);
    Path scores = tmp.resolve("t").resolve(RunLayout.WHITE_BOX_SCORES);
    byte[] b = Files.readAllBytes(scores);
    b[b.length - 1] ^= 1;
    Files.write(scores, b);
    ArtifactException e = assertThrows(ArtifactException.class, () -> WhiteBoxFiles.read(
        RunDirectory.open(tmp.resolve("t")), run.canaries().observationsFile(), run.canaries().observationsSha256()));
    assertTrue(e.getMessage().contains("changed after training"), e.getMessage());
    assertNull(null);
  }
}
