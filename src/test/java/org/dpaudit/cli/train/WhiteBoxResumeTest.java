package org.dpaudit.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.checkpoint.CheckpointState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with white-box canaries, killed (SIGKILL) after a checkpoint and resumed, ends with the
 * same white-box observations, byte for byte, as an uninterrupted run: the recorder's state travels
 * with the checkpoint and is verified against its checksum.
 */
class WhiteBoxResumeTest {
  @TempDir Path dir;

  private static List<String> args(Path out) {
    return List.of("train", "--scheme", "dpsgd", "--model", "mlp", "--dataset", "mnist", "--members", "300",
        "--non-members", "0", "--attacker-pool", "0", "--test", "200", "--noise-multiplier", "1.0",
        "--batch-size", "20", "--epochs", "20", "--lr", "0.05", "--checkpoint-every", "10", "--seed", "4",
        "--canaries", "500", "--canary-kind", "gradient", "--out", out.toString());
  }

  @Test
  void killedAndResumed_hasTheSameObservations() throws Exception {
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
        CheckpointState s = Json.read(state, CheckpointState.class);
        if (s.nextStep() >= 60 && s.whiteBox() != null) {
          p.destroyForcibly().waitFor();
          killedAt = s.nextStep();
          break;
        }
      }
      Thread.sleep(20);
    }
    assertTrue(killedAt > 0, "killed after a checkpoint (log: " + Files.readString(dir.resolve("killed.log")) + ")");
    assertTrue(!Files.exists(killed.resolve("run.json")), "killed before the end");

    List<String> resume = new ArrayList<>(args(killed));
    resume.add("--resume");
    CliRunner.Result b = CliRunner.run(resume.toArray(new String[0]));
    assertEquals(0, b.exitCode(), b.err());
    for (String f : List.of("canaries/white-box-scores.bin", "canaries/white-box.json", "canaries/inclusion.json",
        "model/model-0000.params")) {
      assertArrayEquals(Files.readAllBytes(straight.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
    }
  }
}
