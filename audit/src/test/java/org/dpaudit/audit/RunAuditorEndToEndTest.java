package org.dpaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.CanarySummary;
import org.dpaudit.core.artifact.audit.EvidenceBound;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.artifact.audit.Verdict;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.random.Randomness;
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
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on a real trained model, kept to seconds: a synthetic CSV table (a quarter of the
 * labels random, so a model that memorises its members shows it), a non-private MLP trained on 200
 * members with 60 mislabeled canaries, then the audit: it runs the loss attack itself, scores the
 * canaries with the model, and must find the leak.
 */
class RunAuditorEndToEndTest {
  @TempDir Path tmp;

  @Test
  void nonPrivateRunWithCanaries_leaks_andTheAuditSaysSo() throws IOException {
    Path csv = syntheticTable(tmp.resolve("table.csv"), 1000, 12, 4);
    Path out = tmp.resolve("runs/np");
    TrainingConfig cfg = new TrainingConfig(ModelZoo.NAMES.get(0),
        new DataConfig("csv", csv.toString(), "label", new SplitSpec(200, 200, 100, 200, 3)),
        new OptimConfig(40, 32, OptimizerKind.SGD, 0.1, 0.9, LrSchedule.CONSTANT),
        new PrivacyConfig("nonprivate", 1.0, null, null, 1e-5, SamplerKind.POISSON, Map.of()),
        ConvGradMethod.AUTO, 0);
    RunRecord trained = TrainingRun.execute(new TrainRequest(cfg, out, DeviceChoice.CPU, 11L, 60, CanaryKind.MISLABELED,
        false, false), TrainingListener.SILENT, m -> { });
    assertNotNull(trained.canaries());

    List<String> progress = new ArrayList<>();
    AuditRecord a = RunAuditor.run(out, new RunAuditor.Options(new AuditConfig(), 5L, DeviceChoice.CPU), progress::add);

    assertTrue(progress.stream().noneMatch(p -> p.contains("running the loss attack")), String.valueOf(progress));
    assertTrue(a.attacks().isEmpty(), "a run with canaries needs no attack to be audited");
    assertEquals(Verdict.CONSISTENT, a.verdict());
    assertTrue(a.leaks(), "a memorising model must measurably leak: " + a.reason());
    assertTrue(a.empiricalEpsilon().lower() > 0.5, a.reason());
    assertEquals(1, a.empiricalEpsilon().comparisons(), "only the canaries decide");
    assertEquals("canaries", a.empiricalEpsilon().source());
    CanarySummary c = a.canaries();
    assertEquals(60, c.count());
    assertEquals("mislabeled", c.kind());
    assertEquals(GuessCounts.grid(60), c.rules());
    assertTrue(c.fdp().startsWith("not computed"), c.fdp());
    EvidenceBound canaries = a.empiricalEpsilon().bounds().stream().filter(b -> b.source().equals("canaries"))
        .findFirst().orElseThrow();
    assertTrue(canaries.epsilon() > 0, "memorised mislabeled canaries are found: " + canaries.bound());
    assertTrue(a.provenance().inputs().stream().anyMatch(r -> r.path().equals(RunLayout.CANARY_INCLUSION)));
  }

  /** Rows of {@code d} features around one of {@code classes} centres, a quarter with a random label. */
  static Path syntheticTable(Path file, int n, int d, int classes) throws IOException {
    RandomGenerator rng = Randomness.seeded(2024).stream("table");
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < d; j++) {
      s.append('x').append(j).append(',');
    }
    s.append("label\n");
    for (int i = 0; i < n; i++) {
      int y = i % classes;
      for (int j = 0; j < d; j++) {
        double centre = j % classes == y ? 1.0 : 0;
        s.append(String.format(Locale.ROOT, "%.4f,", centre + RunFixture.normal(rng)));
      }
      int label = rng.nextDouble() < 0.25 ? rng.nextInt(classes) : y;
      s.append(label).append('\n');
    }
    Files.writeString(file, s.toString());
    return file;
  }
}
