package org.dpaudit.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.dpaudit.trainers.experiment.CellAudit;
import org.dpaudit.trainers.experiment.ExperimentTable;
import org.dpaudit.trainers.experiment.TableCell;
import org.dpaudit.trainers.experiment.TableRow;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.run.LoadedRun;
import org.dpaudit.core.artifact.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'dpaudit experiment': the quick grid end to end, its table, and a second call that reuses every cell. */
class ExperimentCommandTest {
  @TempDir Path dir;

  @Test
  void quickGrid_trainsEveryCell_writesTheTable_andReusesCellsOnASecondCall() throws IOException {
    long t0 = System.nanoTime();
    CliRunner.Result r = CliRunner.run("experiment", "seed000-table1", "--quick", "--seed", "1", "--out",
        dir.toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(seconds < 60, "the quick grid took " + seconds + " s");
    Path root = dir.resolve("seed000-table1-quick");
    ExperimentTable t = Json.read(root.resolve("table.json"), ExperimentTable.class);
    assertEquals(6, t.rows().size());
    for (TableRow row : t.rows()) {
      assertEquals(2, row.cells().size());
      for (TableCell c : row.cells()) {
        assertEquals(1, c.seeds(), "--quick trains each cell once");
        RunRecord run = Json.read(root.resolve(c.run()).resolve("run.json"), RunRecord.class);
        assertEquals(run.privacy().accountantEpsilon().epsilon(), c.accountantEpsilon(), "the table shows run.json's");
        assertEquals(run.privacy().claimedEpsilon(), c.claimedEpsilon());
        if (!row.scheme().equals("nonprivate")) {
          assertEquals(c.epsilon(), c.claimedEpsilon(), 1e-12, "every scheme claims the epsilon it was given");
        }
      }
    }
    TableRow enadpp = t.rows().get(3);
    assertTrue(enadpp.cells().get(0).accountantEpsilon() > 100 * enadpp.cells().get(0).claimedEpsilon(),
        "EnADPP as published: the honest epsilon is far above the claim");
    assertTrue(t.rows().get(4).cells().stream().allMatch(c -> c.accountantEpsilon() <= c.claimedEpsilon()),
        "the corrected variant is proven at its claim");
    assertTrue(Files.readString(root.resolve("table.md")).contains("| EnADPP | "));
    for (TableRow row : t.rows()) {
      for (TableCell c : row.cells()) {
        assertEquals(1, c.audits().size(), "one seed, one audit");
        CellAudit a = c.audits().get(0);
        JsonNode audit = Json.mapper().readTree(root.resolve(c.run()).resolve("audit.json").toFile());
        assertEquals(audit.get("verdict").asText(), a.verdict(), "the column shows the run's audit.json");
        assertEquals(audit.get("empiricalEpsilon").get("lower").asDouble(), a.empiricalEpsilon());
        assertEquals(row.scheme().equals("nonprivate") ? "black-box" : "white-box", a.canaries(),
            "private schemes carry gradient canaries, non-private training random-input ones");
      }
    }
    // EnADPP as published releases data-dependent noise scales: its claim is at best unproven
    // (claim-unproven), or refuted by its canaries (claim-violated); either way a finding.
    CellAudit published = enadpp.cells().get(0).audits().get(0);
    assertTrue(published.finding() && published.verdict().startsWith("claim-"), published.toString());
    assertTrue(r.out().contains("## Audit: claimed / proven / empirical"), r.out());
    String html = Files.readString(root.resolve("report.html"));
    assertTrue(html.contains("id=\"privacy-utility\"") && html.contains("<svg"), "the page has the privacy-utility figure");
    for (TableRow row : t.rows()) {
      assertTrue(html.contains(root.resolve(row.cells().get(0).run()).toString()), "every cell's run is on the page");
    }
    String figures = Files.readString(root.resolve("figures.html"));
    assertTrue(figures.contains("name=\"generator\" content=\"dpaudit\""), "a dpaudit page");
    assertTrue(figures.contains("<svg id='privacy-utility'"), "the privacy-utility curves are drawn");
    for (TableRow row : t.rows()) {
      if (!row.scheme().equals("nonprivate") && row.cells().stream().anyMatch(c -> Double.isFinite(c.accountantEpsilon()))) {
        assertTrue(figures.contains(row.label().replace("&", "&amp;")), "the curves name " + row.label());
      }
    }
    assertTrue(figures.contains("Fig. 4") && figures.contains("the seed003-fig4 preset"),
        "a preset without fixed sigmas says where accuracy against sigma is");
    assertTrue(figures.contains("Fig. 5") && figures.contains("the seed003-fig5 preset"), "missing figures say why");
    assertTrue(figures.contains("Fig. 7") && figures.contains("the seed003-fig7 preset times"), "missing figures say why");
    assertTrue(figures.contains("<svg id='budget-ratios'"), "seed 000's Figure 1 for a preset with EnADPP rows");
    assertTrue(figures.contains("from the runs") && figures.contains("enadpp/eps-"),
        "seed 000's Figure 1 from the EnADPP run's recorded ratios, naming the run");
    assertTrue(!figures.contains("Not the runs the table recorded"), "nothing changed since table.json");
    RunRecord enadppRun = Json.read(root.resolve(enadpp.cells().get(0).run()).resolve("run.json"), RunRecord.class);
    org.dpaudit.trainers.schemes.enadpp.BudgetRatioTrace trace = Json.read(root.resolve(enadpp.cells().get(0).run())
        .resolve(enadppRun.budgetRatios().path()), org.dpaudit.trainers.schemes.enadpp.BudgetRatioTrace.class);
    assertEquals(10, trace.snapshots().get(0).ratios().size(), "the output layer: one ratio per class");
    assertEquals(1.0, trace.snapshots().get(0).ratios().stream().mapToDouble(Double::doubleValue).max().orElse(0),
        1e-12, "EnADPP's min-max normalised gains reach 1");
    assertEquals(org.dpaudit.core.io.Sha256.of(root.resolve(enadpp.cells().get(0).run()).resolve("budget-ratios.json")),
        enadppRun.budgetRatios().sha256(), "run.json hashes the ratio file");
    TableRow nonPrivate = t.rows().get(5);
    assertEquals("nonprivate", nonPrivate.scheme());
    assertEquals(null, Json.read(root.resolve(nonPrivate.cells().get(0).run()).resolve("run.json"), RunRecord.class)
        .budgetRatios(), "no ratio file for a scheme without ratios");
    assertTrue(r.out().contains("figures.html"), r.out());
    assertTrue(r.out().contains("## Test accuracy: ours / paper"), r.out());
    assertEquals(12, Arrays.stream(r.errLines()).filter(l -> l.contains("test ") && l.contains("proven")).count(), r.err());

    CliRunner.Result again = CliRunner.run("experiment", "seed000-table1", "--quick", "--seed", "1", "--out",
        dir.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(12, Arrays.stream(again.errLines()).filter(l -> l.endsWith("[reused]")).count(), again.err());

    // A run.json edited after table.json recorded its SHA-256, another deleted: the figures page
    // says so and draws neither (seed 000's Figure 1 keeps only the unchanged ADPPL run).
    String edited = enadpp.cells().get(0).run();
    Path editedJson = root.resolve(edited).resolve("run.json");
    Files.writeString(editedJson, Files.readString(editedJson) + "\n");
    String gone = t.rows().get(4).cells().get(1).run();
    Files.delete(root.resolve(gone).resolve("run.json"));
    ExperimentTable recorded = Json.read(root.resolve("table.json"), ExperimentTable.class);
    var written = org.dpaudit.reports.ExperimentFiguresPage.write(recorded, root, "table.md", null);
    assertTrue(written.untrusted() != null && written.untrusted().contains("changed since table.json was written: "
        + edited + "/run.json") && written.untrusted().contains("missing: " + gone + "/run.json"), written.untrusted());
    String flagged = Files.readString(written.file());
    assertTrue(flagged.contains("Not the runs the table recorded") && flagged.contains(edited + "/run.json")
        && flagged.contains(gone + "/run.json"), "the page names the changed and the missing run.json");
    assertTrue(html.length() > 0 && figures.contains(edited + " at step") && !flagged.contains(edited + " at step"),
        "seed 000's Figure 1 is no longer drawn from the changed EnADPP run");
    assertTrue(flagged.contains("adppl/eps-") && flagged.contains("from the runs"), "the ADPPL run, unchanged, still is");
    for (TableRow row : t.rows()) {
      Files.deleteIfExists(root.resolve(row.cells().get(0).run()).resolve("budget-ratios.json"));
    }
    String fallback = org.dpaudit.reports.ExperimentFiguresPage.render(recorded, root, "table.md", null);
    assertTrue(fallback.contains("Illustrative values") && !fallback.contains("from the runs"),
        "with no recorded ratio file left, seed 000's Figure 1 is the illustrative one and says so");
  }

  /** A CIFAR-10 binary directory of {@code perFile} random images in each of the six files. */
  private static Path syntheticCifar(Path root, int perFile) throws IOException {
    Path d = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
    java.util.Random rnd = new java.util.Random(3);
    for (String f : java.util.List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
        "data_batch_5.bin", "test_batch.bin")) {
      byte[] b = new byte[perFile * 3073];
      rnd.nextBytes(b);
      for (int i = 0; i < perFile; i++) {
        b[i * 3073] = (byte) (i % 10);
      }
      Files.write(d.resolve(f), b);
    }
    return d;
  }

  @Test
  void suppliedCifar_runsThePresetsCifarRows_fromThatDirectory_andWithoutItTheyAreLeftOut() throws IOException {
    Path cifar = syntheticCifar(dir, 120);
    Path preset = dir.resolve("tiny.json");
    Files.writeString(preset, """
        {"schemaVersion": 1, "kind": "experiment-preset", "name": "tiny", "title": "t", "source": "s",
         "settings": {"model": "mlp", "dataset": "mnist", "members": 200, "nonMembers": 0, "attackerPool": 0,
           "test": 100, "splitSeed": 0, "epochs": 1, "batchSize": 100, "optimizer": "SGD", "learningRate": 0.1,
           "momentum": 0.0, "lrSchedule": "CONSTANT", "clipNorm": 1.0, "delta": 1e-5, "sampler": "POISSON"},
         "epsilons": [4],
         "rows": [
           {"label": "DP-SGD, MNIST", "scheme": "dpsgd", "options": {}, "published": null},
           {"label": "ICGC-DP, CIFAR-10", "scheme": "icgc-dp", "options": {},
            "settings": {"dataset": "cifar10", "model": "cnn-cifar"}, "published": [0.7]}]}
        """);
    CliRunner.Result with = CliRunner.run("experiment", preset.toString(), "--seed", "1", "--seeds", "1",
        "--no-audit", "--out", dir.resolve("with").toString(), "--data", "cifar10=" + cifar);
    assertEquals(0, with.exitCode(), with.err());
    ExperimentTable t = Json.read(dir.resolve("with/tiny/table.json"), ExperimentTable.class);
    assertEquals(2, t.rows().size());
    RunRecord run = Json.read(dir.resolve("with/tiny").resolve(t.rows().get(1).cells().get(0).run())
        .resolve("run.json"), RunRecord.class);
    TrainingConfig cfg = LoadedRun.config(run);
    assertEquals(cifar.toAbsolutePath().normalize().toString(), cfg.data().path(),
        "the CIFAR-10 row read the supplied directory");
    assertEquals("cifar10", cfg.data().dataset());
    assertEquals("cnn-cifar", cfg.model());

    CliRunner.Result without = CliRunner.run("experiment", preset.toString(), "--seed", "1", "--seeds", "1",
        "--no-audit", "--out", dir.resolve("without").toString());
    assertEquals(0, without.exitCode(), without.err());
    ExperimentTable left = Json.read(dir.resolve("without/tiny/table.json"), ExperimentTable.class);
    assertEquals(1, left.rows().size(), "the CIFAR-10 row is left out");
    assertTrue(left.notes().stream().anyMatch(n -> n.contains("ICGC-DP, CIFAR-10 (--data cifar10=PATH)")),
        left.notes().toString());
  }

  @Test
  void seeds_trainEveryCellOncePerSeed_theTableGivesTheirMeanAndSd_andNonPrivateRunsAreSharedAcrossColumns()
      throws IOException {
    Path preset = dir.resolve("two.json");
    Files.writeString(preset, """
        {"schemaVersion": 1, "kind": "experiment-preset", "name": "two", "title": "t", "source": "s",
         "settings": {"model": "mlp", "dataset": "mnist", "members": 200, "nonMembers": 0, "attackerPool": 0,
           "test": 100, "splitSeed": 0, "epochs": 1, "batchSize": 100, "optimizer": "SGD", "learningRate": 0.1,
           "momentum": 0.0, "lrSchedule": "CONSTANT", "clipNorm": 1.0, "delta": 1e-5, "sampler": "POISSON"},
         "epsilons": [1, 8],
         "rows": [
           {"label": "DP-SGD", "scheme": "dpsgd", "options": {}, "published": null},
           {"label": "non-private", "scheme": "nonprivate", "options": {}, "published": null}]}
        """);
    CliRunner.Result r = CliRunner.run("experiment", preset.toString(), "--seed", "5", "--seeds", "2",
        "--canaries", "500", "--black-box-canaries", "50", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path root = dir.resolve("two");
    ExperimentTable t = Json.read(root.resolve("table.json"), ExperimentTable.class);
    for (TableRow row : t.rows()) {
      for (TableCell c : row.cells()) {
        assertEquals(2, c.seeds());
        double[] acc = new double[2];
        for (int k = 0; k < 2; k++) {
          String rel = row.scheme() + "/" + (row.scheme().equals("nonprivate") ? "eps-1" : "eps-" + (int) c.epsilon())
              + (k == 0 ? "" : ".s2");
          RunRecord run = Json.read(root.resolve(rel).resolve("run.json"), RunRecord.class);
          assertEquals(5L + k, run.provenance().randomness().seed(), rel);
          acc[k] = run.metrics().testAccuracy();
          assertEquals(acc[k], c.seedAccuracies().get(k), rel);
          assertEquals(rel, c.audits().get(k).run());
        }
        assertEquals((acc[0] + acc[1]) / 2, c.testAccuracy(), 1e-12);
        assertEquals(Math.abs(acc[0] - acc[1]) / Math.sqrt(2), c.testAccuracySd(), 1e-12);
      }
    }
    assertTrue(Files.notExists(root.resolve("nonprivate/eps-8")), "the non-private run does not depend on epsilon");
    CellAudit np = t.rows().get(1).cells().get(0).audits().get(0);
    assertEquals("black-box", np.canaries());
    assertEquals(50, np.count());
    assertEquals(500, t.rows().get(0).cells().get(1).audits().get(1).count());
    assertTrue(r.out().contains("(mean +- sd over 2 seeds)"), r.out());
  }

  @Test
  void dataForNoRow_orNotFromAPath_orMissing_isOneLineAndExitCode2() throws IOException {
    Path cifar = syntheticCifar(dir, 10);
    for (String[] args : new String[][] {
        {"experiment", "seed000-table1", "--quick", "--data", "cifar10=" + cifar},
        {"experiment", "seed002", "--quick", "--data", "mnist=" + cifar},
        {"experiment", "seed002", "--quick", "--data", "cifar10=" + dir.resolve("nowhere")}}) {
      CliRunner.Result r = CliRunner.run(args);
      assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.errLines().length, r.err());
    }
  }

  @Test
  void fig7Quick_timesKWorkersAtFourBatchSizes_andDrawsTheSpeedUpWithItsBound() throws IOException {
    long t0 = System.nanoTime();
    CliRunner.Result r = CliRunner.run("experiment", "seed003-fig7", "--quick", "--seed", "1", "--no-audit", "--out",
        dir.toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(seconds < 180, "the quick timing grid took " + seconds + " s");
    Path root = dir.resolve("seed003-fig7-quick");
    ExperimentTable t = Json.read(root.resolve("table.json"), ExperimentTable.class);
    assertEquals(12, t.rows().size(), "K = 1, 2, 4 at four batch sizes");
    String figures = Files.readString(root.resolve("figures.html"));
    assertTrue(figures.contains("<svg id='speed-up'"), "Fig. 7 is drawn");
    for (String k : new String[] {"K = 1", "K = 2", "K = 4"}) {
      assertTrue(figures.contains(k), "a line for " + k);
    }
    RunRecord k4 = Json.read(root.resolve("k4-b128/sigma-4/run.json"), RunRecord.class);
    assertTrue(figures.contains(String.format(java.util.Locale.ROOT, "K=4 b=128 %.1f ms",
        k4.metrics().medianStepMillis())), "the caption gives the runs' own median step times");
    assertTrue(figures.contains("Bounded here") && figures.contains("one after another on one device"),
        "the figure says why the speed-up is bounded on this machine");
  }

  @Test
  void list_namesTheShippedPresets() {
    CliRunner.Result r = CliRunner.run("experiment", "--list");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("seed000-table1"), r.out());
  }

  @Test
  void badInput_isOneLineAndExitCode2() {
    CliRunner.Result none = CliRunner.run("experiment");
    assertEquals(2, none.exitCode());
    CliRunner.Result unknown = CliRunner.run("experiment", "no-such-preset", "--out", dir.toString());
    assertEquals(2, unknown.exitCode());
    assertEquals(1, unknown.errLines().length, unknown.err());
    assertTrue(unknown.err().contains("unknown preset"), unknown.err());
    CliRunner.Result ambiguous = CliRunner.run("experiment", "seed003", "--epsilons", "2", "--out", dir.toString());
    assertEquals(2, ambiguous.exitCode());
    assertEquals(1, ambiguous.errLines().length, ambiguous.err());
    assertTrue(ambiguous.err().contains("(sigma-8, sigma-4); name the ones to run with --columns"), ambiguous.err());
    CliRunner.Result both = CliRunner.run("experiment", "seed003", "--epsilons", "8", "--columns", "sigma-2");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("give --epsilons or --columns, not both"), both.err());
    CliRunner.Result noColumn = CliRunner.run("experiment", "seed003", "--columns", "sigma-3", "--out", dir.toString());
    assertEquals(2, noColumn.exitCode());
    assertEquals(1, noColumn.errLines().length, noColumn.err());
  }
}
