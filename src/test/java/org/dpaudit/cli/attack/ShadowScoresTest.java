package org.dpaudit.cli.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.Sha256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dpaudit's own shadow models are kept in the format users give with {@code --shadow-scores}: the
 * same shadows given back as the user's files (rewritten as losses, rows shuffled, no dpaudit
 * comments) give the same LiRA; a rerun reuses them; a killed LiRA resumes without retraining the
 * shadows it had finished.
 */
class ShadowScoresTest {
  @TempDir static Path dir;
  static Path trained;

  @BeforeAll
  static void train() {
    trained = dir.resolve("np");
    CliRunner.Result r = CliRunner.run("train", "--scheme", "nonprivate", "--model", "mlp", "--dataset", "mnist",
        "--members", "300", "--non-members", "300", "--attacker-pool", "600", "--test", "500", "--epochs", "20",
        "--batch-size", "50", "--lr", "0.1", "--momentum", "0.9", "--seed", "1", "--out", trained.toString());
    assertEquals(0, r.exitCode(), r.err());
  }

  private static Path copy(String name) throws IOException {
    Path to = dir.resolve(name);
    Files.createDirectories(to);
    try (Stream<Path> s = Files.walk(trained)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(trained.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return to;
  }

  private static AttackRecord lira(Path run) {
    return Json.read(run.resolve("attacks/lira.json"), AttackRecord.class);
  }

  /**
   * A user's rewrite of a dpaudit shadow file, as another tool would write it: no comment lines,
   * columns in another order ({@code in} first), rows reversed; either the logits as they are, or
   * only each example's loss (computed here in double from the logits).
   */
  private static void asUserFile(Path from, Path to, boolean losses) throws IOException {
    List<String> rows = new ArrayList<>();
    String[] header = null;
    for (String line : Files.readAllLines(from)) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",");
      if (header == null) {
        header = f;
        continue;
      }
      int label = Integer.parseInt(f[1]);
      if (!losses) {
        rows.add(f[2] + "," + f[0] + "," + f[1] + "," + String.join(",", List.of(f).subList(3, f.length)));
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 3; c < f.length; c++) {
        max = Math.max(max, Float.parseFloat(f[c]));
      }
      double sum = 0;
      for (int c = 3; c < f.length; c++) {
        sum += Math.exp(Float.parseFloat(f[c]) - max);
      }
      double loss = max + Math.log(sum) - Float.parseFloat(f[3 + label]);
      rows.add(f[2] + "," + f[0] + "," + loss);
    }
    assertEquals(List.of("example", "label", "in"), List.of(header[0], header[1], header[2]));
    Collections.reverse(rows);
    String head = losses ? "in,example,loss" : "in,example,label," + String.join(",", List.of(header).subList(3,
        header.length));
    Files.writeString(to, head + "\n" + String.join("\n", rows) + "\n");
  }

  @Test
  void userFormatShadows_giveTheSameLira_andARerunReusesThem() throws IOException {
    Path run = copy("same");
    CliRunner.Result own = CliRunner.run("attack", "--run", run.toString(), "--attack", "lira", "--shadows", "4",
        "--seed", "1");
    assertEquals(0, own.exitCode(), own.err());
    double ownAuc = lira(run).auc();
    Path saved = run.resolve("shadows/lira");
    assertTrue(Files.isRegularFile(saved.resolve("plan.json")));

    Path user = Files.createDirectories(dir.resolve("user-shadows"));
    Path userLosses = Files.createDirectories(dir.resolve("user-losses"));
    for (int k = 0; k < 4; k++) {
      Path f = saved.resolve(String.format("shadow-%04d.csv", k));
      asUserFile(f, user.resolve("model-" + k + ".csv"), false);
      asUserFile(f, userLosses.resolve("model-" + k + ".csv"), true);
    }
    CliRunner.Result given = CliRunner.run("attack", "--run", run.toString(), "--attack", "lira", "--shadow-scores",
        user.toString());
    assertEquals(0, given.exitCode(), given.err());
    assertEquals(ownAuc, lira(run).auc(), 1e-9);
    assertTrue(ownAuc > 0.55, "the overfit model leaks: LiRA AUC " + ownAuc);
    // Losses alone carry fewer digits for confident examples (ln p_y near 0 cancels): nearly equal.
    CliRunner.Result fromLosses = CliRunner.run("attack", "--run", run.toString(), "--attack", "lira",
        "--shadow-scores", userLosses.toString());
    assertEquals(0, fromLosses.exitCode(), fromLosses.err());
    assertEquals(ownAuc, lira(run).auc(), 1e-3);

    CliRunner.Result again = CliRunner.run("attack", "--run", run.toString(), "--attack", "lira", "--shadows", "4",
        "--seed", "1");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.err().contains("reusing 4 of 4 shadow models"), again.err());
    assertEquals(ownAuc, lira(run).auc(), 0.0);

    CliRunner.Result rmia = CliRunner.run("attack", "--run", run.toString(), "--attack", "rmia", "--shadow-scores",
        saved.toString());
    assertEquals(0, rmia.exitCode(), rmia.err());
  }

  @Test
  void killedLira_resumesWithoutRetrainingFinishedShadows() throws Exception {
    Path straight = copy("straight");
    CliRunner.Result a = CliRunner.run("attack", "--run", straight.toString(), "--attack", "lira", "--shadows", "16",
        "--seed", "2");
    assertEquals(0, a.exitCode(), a.err());

    Path killed = copy("killed");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.dpaudit.cli.Main", "attack",
        "--run", killed.toString(), "--attack", "lira", "--shadows", "16", "--seed", "2"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("killed.log").toFile());
    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    Process p = pb.start();
    Path firstGroupDone = killed.resolve("shadows/lira/shadow-0007.csv");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline && p.isAlive() && !Files.exists(firstGroupDone)) {
      Thread.sleep(20);
    }
    p.destroyForcibly().waitFor();
    assertTrue(Files.exists(firstGroupDone), "the first 8 shadows were saved before the kill: "
        + Files.readString(dir.resolve("killed.log")));
    assertTrue(!Files.exists(killed.resolve("attacks/lira.json")), "killed before the attack finished");
    List<String> before = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      before.add(Sha256.of(killed.resolve(String.format("shadows/lira/shadow-%04d.csv", k))));
    }

    CliRunner.Result resumed = CliRunner.run("attack", "--run", killed.toString(), "--attack", "lira", "--shadows",
        "16", "--seed", "2");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("reusing 8 of 16 shadow models"), resumed.err());
    assertTrue(resumed.err().contains("shadow models: 8 of 8 trained and saved"), "only the missing 8 trained: "
        + resumed.err());
    for (int k = 0; k < 8; k++) {
      assertEquals(before.get(k), Sha256.of(killed.resolve(String.format("shadows/lira/shadow-%04d.csv", k))),
          "shadow " + k + " untouched");
    }
    assertEquals(lira(straight).auc(), lira(killed).auc(), 0.0, "the same attack as an uninterrupted one");
    assertEquals(Files.readString(straight.resolve("attacks/lira-scores.csv")),
        Files.readString(killed.resolve("attacks/lira-scores.csv")));
  }
}
