package org.dpaudit.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.experiment.ExperimentTable;
import org.dpaudit.trainers.experiment.TableCell;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.run.LoadedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A preset that trains until its budget ({@code "untilBudget": true} with fixed sigmas): every
 * private cell records its target and the steps the budget allowed, claims at most the column's
 * epsilon, a second call reuses the cells, and figures.html draws accuracy against sigma at that
 * epsilon.
 */
class UntilBudgetExperimentTest {
  @TempDir Path dir;

  @Test
  void cellsTrainUntilTheColumnsEpsilon_areReused_andTheFigureIsAccuracyAgainstSigma() throws IOException {
    Path preset = dir.resolve("budget.json");
    Files.writeString(preset, """
        {"schemaVersion": 1, "kind": "experiment-preset", "name": "budget", "title": "t", "source": "s",
         "settings": {"model": "mlp", "dataset": "mnist", "members": 200, "nonMembers": 0, "attackerPool": 0,
           "test": 100, "splitSeed": 0, "epochs": 1, "batchSize": 50, "optimizer": "SGD", "learningRate": 0.1,
           "momentum": 0.0, "lrSchedule": "CONSTANT", "clipNorm": 1.0, "delta": 1e-5, "sampler": "POISSON",
           "untilBudget": true},
         "epsilons": [2, 2],
         "noiseMultipliers": [2, 3],
         "rows": [
           {"label": "DP-SGD", "scheme": "dpsgd", "options": {}, "published": null},
           {"label": "non-private", "scheme": "nonprivate", "options": {}, "published": null}]}
        """);
    String[] args = {"experiment", preset.toString(), "--seed", "1", "--seeds", "1", "--no-audit", "--out",
        dir.toString()};
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(0, r.exitCode(), r.err());
    Path root = dir.resolve("budget");
    ExperimentTable t = Json.read(root.resolve("table.json"), ExperimentTable.class);
    long[] steps = new long[2];
    for (int i = 0; i < 2; i++) {
      TableCell c = t.rows().get(0).cells().get(i);
      assertEquals("dpsgd/sigma-" + (i + 2) + "-until-eps-2", c.run());
      RunRecord run = Json.read(root.resolve(c.run()).resolve("run.json"), RunRecord.class);
      TrainingConfig cfg = LoadedRun.config(run);
      assertEquals(2.0, cfg.privacy().untilEpsilon());
      steps[i] = cfg.optim().steps();
      assertEquals(steps[i], run.privacy().steps());
      assertTrue(c.claimedEpsilon() <= 2.0, "claimed " + c.claimedEpsilon());
    }
    assertTrue(steps[1] > steps[0], "a larger sigma buys more steps: " + Arrays.toString(steps));
    RunRecord np = Json.read(root.resolve(t.rows().get(1).cells().get(0).run()).resolve("run.json"),
        RunRecord.class);
    assertEquals(null, LoadedRun.config(np).privacy().untilEpsilon(), "the non-private row trains its epochs");

    CliRunner.Result again = CliRunner.run(args);
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(4, Arrays.stream(again.errLines()).filter(l -> l.endsWith("[reused]")).count(), again.err());

    String figures = Files.readString(root.resolve("figures.html"));
    assertTrue(figures.contains("<svg id='accuracy-sigma'"), "accuracy against sigma is drawn");
    assertTrue(figures.contains("trained until its column"), "and says the cells trained until the budget");
  }
}
