package org.dpaudit.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.trainers.checkpoint.CheckpointState;
import org.dpaudit.trainers.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training process, killed (SIGKILL) mid-run and resumed from its checkpoint, ends with the
 * same ledger, epsilon and, in seeded mode, the same model bits as an uninterrupted run.
 */
class KillAndResumeTest {
  @TempDir Path dir;

  private static List<String> args(Path out) {
    return List.of("train", "--scheme", "dpsgd", "--model", "mlp", "--dataset", "mnist", "--members", "300",
        "--non-members", "100", "--attacker-pool", "100", "--test", "500", "--noise-multiplier", "1.0",
        "--batch-size", "20", "--epochs", "30", "--lr", "0.05", "--checkpoint-every", "10", "--seed", "3",
        "--out", out.toString());
  }

  @Test
  void killedAndResumed_equalsUninterrupted() throws Exception {
    Path straight = dir.resolve("straight");
    CliRunner.Result a = CliRunner.run(args(straight).toArray(new String[0]));
    assertEquals(0, a.exitCode(), a.err());

    Path killed = dir.resolve("killed");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.dpaudit.cli.Main"));
    cmd.addAll(args(killed));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("killed.log").toFile());
    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    Process p = pb.start();
    Path state = killed.resolve("checkpoint/state.json");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    long killedAt = -1;
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.isRegularFile(state)) {
        long next = Json.read(state, CheckpointState.class).nextStep();
        if (next >= 30) {
          p.destroyForcibly().waitFor();
          killedAt = next;
          break;
        }
      }
      Thread.sleep(20);
    }
    assertTrue(killedAt > 0, "the process was killed after a checkpoint (log: "
        + Files.readString(dir.resolve("killed.log")) + ")");
    assertTrue(!Files.exists(killed.resolve("run.json")), "killed before the end");

    List<String> resume = new ArrayList<>(args(killed));
    resume.add("--resume");
    CliRunner.Result b = CliRunner.run(resume.toArray(new String[0]));
    assertEquals(0, b.exitCode(), b.err());

    RunRecord ra = Json.read(straight.resolve("run.json"), RunRecord.class);
    RunRecord rb = Json.read(killed.resolve("run.json"), RunRecord.class);
    assertEquals(ra.privacy().ledger(), rb.privacy().ledger());
    assertEquals(ra.privacy().steps(), rb.privacy().steps());
    assertEquals(ra.privacy().accountantEpsilon().epsilon(), rb.privacy().accountantEpsilon().epsilon());
    assertEquals(Sha256.of(straight.resolve("model/model-0000.params")),
        Sha256.of(killed.resolve("model/model-0000.params")), "seeded: the same model bits");
    assertEquals(ra.metrics().history().size(), rb.metrics().history().size());
  }

  @Test
  void resumeWithADifferentConfiguration_isRefused() {
    Path out = dir.resolve("short");
    List<String> first = new ArrayList<>(args(out));
    first.set(first.indexOf("30"), "1");
    assertEquals(0, CliRunner.run(first.toArray(new String[0])).exitCode());
    List<String> changed = new ArrayList<>(args(out));
    changed.add("--resume");
    CliRunner.Result r = CliRunner.run(changed.toArray(new String[0]));
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("different configuration"), r.err());
  }
}
