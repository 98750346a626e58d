package org.dpaudit.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.run.LoadedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --noise-multiplier S --until-epsilon E}: the run takes the steps the RDP accountant
 * allows (checked by walking it one step at a time), run.json records the target and the steps,
 * the claim is the exact epsilon of those steps (at most E), and every incompatible option is
 * refused in one line with exit 2.
 */
class UntilEpsilonTest {
  @TempDir Path dir;

  private static String[] args(Path out, String... extra) {
    String[] base = {"train", "--model", "mlp", "--dataset", "mnist", "--members", "300",
        "--non-members", "100", "--attacker-pool", "0", "--test", "200", "--batch-size", "30", "--lr", "0.1",
        "--seed", "1", "--out", out.toString()};
    String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  private static double rdp(double q, double sigma, long steps) {
    return new RdpAccountant().epsilon(new DpEvent.SelfComposed(new DpEvent.PoissonSampled(q,
        new DpEvent.Gaussian(sigma)), steps), 1e-5).epsilon();
  }

  @Test
  void trainsTheStepsTheBudgetAllows_andRecordsThem() {
    Path out = dir.resolve("run");
    CliRunner.Result r = CliRunner.run(args(out, "--scheme", "dpsgd", "--noise-multiplier", "1.0",
        "--until-epsilon", "3"));
    assertEquals(0, r.exitCode(), r.err());
    RunRecord run = Json.read(out.resolve("run.json"), RunRecord.class);
    TrainingConfig cfg = LoadedRun.config(run);
    long t = 1;
    while (rdp(0.1, 1.0, t + 1) <= 3.0) {
      t++;
    }
    assertEquals(3.0, cfg.privacy().untilEpsilon());
    assertEquals(t, cfg.optim().steps());
    assertEquals((t + 9) / 10, cfg.optim().epochs());
    assertEquals(t, run.privacy().steps());
    assertTrue(run.privacy().claimedEpsilon() <= 3.0, "claimed " + run.privacy().claimedEpsilon());
    assertEquals(rdp(0.1, 1.0, t), run.privacy().claimedEpsilon(), 1e-9);
    assertTrue(r.out().contains(t + " steps (the most whose claimed epsilon stays at most 3"), r.out());
  }

  private void refused(String expected, String... extra) {
    CliRunner.Result r = CliRunner.run(args(dir.resolve("x"), extra));
    assertEquals(ExitCodes.ERROR, r.exitCode(), r.err());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().contains(expected), r.err());
  }

  @Test
  void incompatibleOptions_areOneLine_exit2() {
    refused("drop --epsilon", "--epsilon", "2", "--until-epsilon", "3");
    refused("needs --epsilon or --noise-multiplier", "--scheme", "psgd", "--until-epsilon", "3");
    refused("drop --epochs", "--noise-multiplier", "1", "--until-epsilon", "3", "--epochs", "5");
    refused("accounts its own way", "--scheme", "appdl", "--noise-multiplier", "1", "--until-epsilon", "3");
    refused("--until-epsilon is for schemes", "--scheme", "nonprivate", "--until-epsilon", "3");
    refused("one step", "--noise-multiplier", "0.3", "--until-epsilon", "0.5");
  }
}
