package org.dpaudit.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dpaudit.cli.CliProcess;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.artifact.run.RunIntegrity;
import org.dpaudit.core.artifact.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per run directory: two {@code train} processes on one {@code --out} used to both exit 0
 * and leave a directory with one model from each. Now the second is refused at once, in one line
 * naming the first's process id, and the run is the first's, whole.
 */
class ConcurrentWritersTest {
  @TempDir Path dir;

  private static List<String> train(Path out, String seed) {
    return List.of("train", "--scheme", "dpsgd", "--model", "mlp", "--dataset", "mnist", "--members", "300",
        "--non-members", "100", "--attacker-pool", "100", "--test", "300", "--noise-multiplier", "1", "--batch-size",
        "20", "--epochs", "10", "--seed", seed, "--out", out.toString());
  }

  @Test
  void twoTrainsOnOneOut_theSecondIsRefused_andTheRunIsTheFirstsWhole() throws Exception {
    Path out = dir.resolve("run");
    CliProcess a = CliProcess.start(dir, "a", List.of(), train(out, "1"));
    CliProcess b = CliProcess.start(dir, "b", List.of(), train(out, "2"));
    int ca = a.waitFor(5);
    int cb = b.waitFor(5);
    assertEquals(1, (ca == 0 ? 1 : 0) + (cb == 0 ? 1 : 0), "exactly one succeeds: " + ca + "/" + cb + "\n" + a.err()
        + "\n" + b.err());
    CliProcess loser = ca == 0 ? b : a;
    CliProcess winner = ca == 0 ? a : b;
    assertEquals(2, ca == 0 ? cb : ca);
    String err = loser.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("error: run " + out + " is in use by process " + winner.process().pid()), err);
    RunRecord run = Json.read(out.resolve("run.json"), RunRecord.class);
    assertEquals(winner == a ? 1L : 2L, run.provenance().randomness().seed(), "the run is the winner's");
    RunIntegrity.verify(RunDirectory.open(out), run);
    try (Stream<Path> s = Files.list(out.resolve("model"))) {
      assertEquals(1, s.count(), "one model");
    }
  }

  @Test
  void attackWhileTraining_isRefusedNamingTheTrainer() throws Exception {
    Path out = dir.resolve("run");
    CliProcess t = CliProcess.start(dir, "t", List.of(), train(out, "1"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && t.process().isAlive()
        && !Files.isRegularFile(out.resolve("checkpoint/state.json"))) {
      Thread.sleep(20);
    }
    CliRunner.Result r = CliRunner.run("attack", "--run", out.toString(), "--attack", "loss");
    t.kill();
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().contains("is in use by process " + t.process().pid() + " (dpaudit train)"), r.err());
  }
}
