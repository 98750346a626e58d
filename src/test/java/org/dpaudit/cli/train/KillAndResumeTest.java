package org.dpaudit.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dpaudit.cli.CliProcess;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.trainers.checkpoint.CheckpointState;
import org.dpaudit.core.artifact.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training process, killed (SIGKILL) mid-run and resumed from its checkpoint, ends with the
 * same ledger, epsilon and, in seeded mode, the same model bits as an uninterrupted one; a kill in
 * the middle of writing a checkpoint leaves nothing behind once the run is resumed; a secure run's
 * canary inclusion bits survive the resume byte for byte.
 */
class KillAndResumeTest {
  @TempDir Path dir;

  private static List<String> args(Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--scheme", "dpsgd", "--model", "mlp", "--dataset", "mnist",
        "--members", "300", "--non-members", "100", "--attacker-pool", "100", "--test", "500", "--noise-multiplier",
        "1.0", "--batch-size", "20", "--epochs", "30", "--lr", "0.05", "--out", out.toString()));
    a.addAll(List.of(more));
    return a;
  }

  private static List<String> seeded(Path out, String... more) {
    List<String> a = args(out, "--seed", "3");
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void killedAndResumed_equalsUninterrupted() throws Exception {
    Path straight = dir.resolve("straight");
    CliRunner.Result a = CliRunner.run(seeded(straight, "--checkpoint-every", "10").toArray(new String[0]));
    assertEquals(0, a.exitCode(), a.err());

    assertSameRun(straight, killAfterACheckpointAndResume("--checkpoint-every", "10"));
  }

  /** Starts a seeded run with {@code extra}, kills it after a checkpoint, resumes it; its directory. */
  private Path killAfterACheckpointAndResume(String... extra) throws Exception {
    Path killed = dir.resolve("killed");
    List<String> cmd = seeded(killed, extra);
    long killedAt = killAfterCheckpoint(CliProcess.start(dir, "killed", List.of(), cmd), killed, 30);
    assertTrue(killedAt > 0, "the process was killed after a checkpoint");
    assertTrue(!Files.exists(killed.resolve("run.json")), "killed before the end");
    List<String> resume = new ArrayList<>(cmd);
    resume.add("--resume");
    CliRunner.Result b = CliRunner.run(resume.toArray(new String[0]));
    assertEquals(0, b.exitCode(), b.err());
    return killed;
  }

  /**
   * With {@code --ema-decay} the released model is the moving average of the iterates: the average
   * travels with the checkpoint (after the optimizer's state), so a resumed run releases the same
   * model bits as an uninterrupted one.
   */
  @Test
  void averagedRun_killedAndResumed_releasesTheSameAverage() throws Exception {
    Path straight = dir.resolve("straight");
    CliRunner.Result a = CliRunner.run(seeded(straight, "--checkpoint-every", "10", "--ema-decay", "0.9")
        .toArray(new String[0]));
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(0.9, Json.read(straight.resolve("run.json"), RunRecord.class).provenance().config()
        .path("optim").path("emaDecay").asDouble(), "recorded in run.json");

    assertSameRun(straight, killAfterACheckpointAndResume("--checkpoint-every", "10", "--ema-decay", "0.9"));
  }

  /**
   * Killed while a checkpoint's arrays are being written (a temporary file is seen in checkpoint/):
   * the resumed run removes the half-written file and the arrays no state names, and still ends as
   * the uninterrupted run does.
   */
  @Test
  void killedWhileWritingACheckpoint_leavesNoLeftoversAfterTheResume() throws Exception {
    Path straight = dir.resolve("straight");
    assertEquals(0, CliRunner.run(seeded(straight, "--checkpoint-every", "1").toArray(new String[0])).exitCode());

    Path killed = dir.resolve("killed");
    List<String> cmd = seeded(killed, "--checkpoint-every", "1");
    CliProcess p = CliProcess.start(dir, "mid-write", List.of(), cmd);
    Path ckpt = killed.resolve("checkpoint");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    boolean midWrite = false;
    while (System.nanoTime() < deadline && p.process().isAlive() && !midWrite) {
      midWrite = Files.isRegularFile(ckpt.resolve("state.json")) && !temporaries(ckpt).isEmpty();
    }
    p.kill();
    assertTrue(midWrite, "killed while a temporary checkpoint file existed (log: " + p.err() + ")");
    assertFalse(Files.exists(killed.resolve("run.json")), "killed before the end");

    List<String> resume = new ArrayList<>(cmd);
    resume.add("--resume");
    CliRunner.Result b = CliRunner.run(resume.toArray(new String[0]));
    assertEquals(0, b.exitCode(), b.err());
    assertEquals(List.of(), temporaries(killed), "no temporary file anywhere in the run");
    CheckpointState state = Json.read(ckpt.resolve("state.json"), CheckpointState.class);
    try (Stream<Path> s = Files.list(ckpt)) {
      assertEquals(List.of(state.optimizer().path(), state.parameters().path(), "state.json"),
          s.map(f -> f.getFileName().toString()).sorted().toList(), "only the current checkpoint's files");
    }
    assertSameRun(straight, killed);
  }

  /**
   * Issue 13: a resumed secure-mode run used to draw its canaries' inclusion bits again (18 of 40
   * changed in a test), so the model was audited against bits it was not trained with. They are kept
   * with the checkpoint now: inclusion.json after the resume is the file training wrote, byte for
   * byte.
   */
  @Test
  void secureRunWithCanaries_killedAndResumed_keepsItsInclusionBitsByteForByte() throws Exception {
    Path run = dir.resolve("secure");
    List<String> cmd = args(run, "--secure", "--canaries", "40", "--checkpoint-every", "10");
    killAfterCheckpoint(CliProcess.start(dir, "secure", List.of(), cmd), run, 30);
    byte[] before = Files.readAllBytes(run.resolve(RunLayout.CANARY_INCLUSION));
    List<String> resume = new ArrayList<>(cmd);
    resume.add("--resume");
    CliRunner.Result r = CliRunner.run(resume.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.err());
    assertArrayEquals(before, Files.readAllBytes(run.resolve(RunLayout.CANARY_INCLUSION)),
        "inclusion.json is the file training wrote before the kill");
    RunRecord rec = Json.read(run.resolve("run.json"), RunRecord.class);
    assertEquals(Sha256.of(before), rec.canaries().inclusionSha256());
    assertEquals(30 * 16, rec.privacy().steps(), "30 epochs of ceil((300 + 40 / 2) / 20) steps");
  }

  @Test
  void resumeWithADifferentConfiguration_isRefused_andAFinishedRunIsNotResumed() throws IOException {
    Path out = dir.resolve("short");
    List<String> first = seeded(out, "--checkpoint-every", "10");
    first.set(first.indexOf("30"), "1");
    assertEquals(0, CliRunner.run(first.toArray(new String[0])).exitCode());
    List<String> again = new ArrayList<>(first);
    again.add("--resume");
    CliRunner.Result finished = CliRunner.run(again.toArray(new String[0]));
    assertEquals(2, finished.exitCode());
    assertTrue(finished.err().contains("is already finished (15 steps); --resume changes nothing"), finished.err());

    Files.delete(out.resolve("run.json")); // as if killed after its last checkpoint
    List<String> changed = seeded(out, "--checkpoint-every", "10", "--resume");
    CliRunner.Result r = CliRunner.run(changed.toArray(new String[0]));
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().contains("different configuration (config.optim.epochs: checkpoint 1, now 30"), r.err());
  }

  /** Waits for a checkpoint at step {@code atLeast} or later, then kills the process; returns the step. */
  private static long killAfterCheckpoint(CliProcess p, Path run, long atLeast) throws Exception {
    Path state = run.resolve("checkpoint/state.json");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && p.process().isAlive()) {
      if (Files.isRegularFile(state)) {
        try {
          long next = Json.read(state, CheckpointState.class).nextStep();
          if (next >= atLeast) {
            p.kill();
            return next;
          }
        } catch (RuntimeException beingReplaced) {
          // read between two writes; look again
        }
      }
      Thread.sleep(20);
    }
    p.kill();
    throw new AssertionError("no checkpoint at step " + atLeast + " (log: " + p.err() + ")");
  }

  private static void assertSameRun(Path straight, Path resumed) {
    RunRecord ra = Json.read(straight.resolve("run.json"), RunRecord.class);
    RunRecord rb = Json.read(resumed.resolve("run.json"), RunRecord.class);
    assertEquals(ra.privacy().ledger(), rb.privacy().ledger());
    assertEquals(ra.privacy().steps(), rb.privacy().steps());
    assertEquals(ra.privacy().accountantEpsilon().epsilon(), rb.privacy().accountantEpsilon().epsilon());
    assertEquals(Sha256.of(straight.resolve("model/model-0000.params")),
        Sha256.of(resumed.resolve("model/model-0000.params")), "seeded: the same model bits");
    assertEquals(ra.metrics().history().size(), rb.metrics().history().size());
  }

  private static List<Path> temporaries(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(AtomicFiles::isTemporary).toList();
    } catch (java.io.UncheckedIOException racing) {
      return List.of(); // a file vanished while listing (renamed into place): look again
    }
  }
}
