package org.dpaudit.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dpaudit.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A claim at delta >= 1/N is said to protect little; the run still happens. */
class WeakDeltaTest {
  @TempDir Path dir;

  @Test
  void weakFromOneOverN_exactlyAtTheBoundaryToo() {
    assertTrue(WeakDelta.weak(0.01, 100));
    assertTrue(WeakDelta.weak(0.02, 100));
    assertFalse(WeakDelta.weak(0.0099, 100));
    assertFalse(WeakDelta.weak(1e-5, 60_000));
    assertFalse(WeakDelta.weak(0.5, 0), "no members: nothing to say");
  }

  @Test
  void train_atDeltaAboveOneOverN_warnsOnStandardError_andStillWritesTheRun() {
    Path run = dir.resolve("weak");
    CliRunner.Result r = train(run, "0.01");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("warning: delta 0.01 is at least 1/N for N = 200 training examples"), r.err());
    assertTrue(run.resolve("run.json").toFile().isFile());
  }

  @Test
  void train_atASmallDelta_saysNothing() {
    CliRunner.Result r = train(dir.resolve("fine"), "1e-4");
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(r.err().contains("warning: delta"), r.err());
  }

  private static CliRunner.Result train(Path out, String delta) {
    return CliRunner.run("train", "--scheme", "dpsgd", "--model", "mlp", "--dataset", "mnist", "--members", "200",
        "--non-members", "100", "--attacker-pool", "0", "--test", "100", "--noise-multiplier", "1.0",
        "--batch-size", "50", "--epochs", "1", "--seed", "1", "--delta", delta, "--out", out.toString());
  }
}
