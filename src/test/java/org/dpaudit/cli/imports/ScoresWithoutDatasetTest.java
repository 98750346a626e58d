package org.dpaudit.cli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.core.artifact.run.RunRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model known only by its outputs, on data dpaudit has never heard of: a scores CSV with no
 * {@code --dataset} goes through import, the loss attack, LiRA and RMIA on the user's own shadow
 * scores, audit, report and gate. The files are what {@code examples/export_pytorch.py} writes.
 */
class ScoresWithoutDatasetTest {
  static final int N = 400;
  static final int CLASSES = 3;
  static final int SHADOWS = 4;
  @TempDir static Path dir;
  static double[][] logits = new double[N][CLASSES];
  static int[] labels = new int[N];
  static Path scores;
  static Path losses;
  static Path shadows;

  /** Example i (id 5000 + i) is a member when i is even; members get a larger true-class logit. */
  @BeforeAll
  static void files() throws IOException {
    RandomGenerator rng = Randomness.seeded(11).stream("scores");
    StringBuilder s = new StringBuilder("example,label,member,logit_0,logit_1,logit_2\n");
    StringBuilder l = new StringBuilder("# losses only\nexample,member,loss\n");
    for (int i = 0; i < N; i++) {
      labels[i] = i % CLASSES;
      for (int c = 0; c < CLASSES; c++) {
        logits[i][c] = rng.nextGaussian() + (c == labels[i] ? 1.0 + (i % 2 == 0 ? 0.8 : 0) : 0);
      }
      s.append(5000 + i).append(',').append(labels[i]).append(',').append(i % 2 == 0 ? 1 : 0);
      for (double z : logits[i]) {
        s.append(',').append(z);
      }
      s.append('\n');
      l.append(5000 + i).append(',').append(i % 2 == 0 ? 1 : 0).append(',').append(loss(logits[i], labels[i]))
          .append('\n');
    }
    scores = Files.writeString(dir.resolve("predictions.csv"), s.toString());
    losses = Files.writeString(dir.resolve("losses.csv"), l.toString());
    shadows = Files.createDirectories(dir.resolve("shadows"));
    for (int k = 0; k < SHADOWS; k++) {
      StringBuilder f = new StringBuilder("example,label,in,logit_0,logit_1,logit_2\n");
      for (int i = 0; i < N; i++) {
        boolean in = (i / 2 + k) % 2 == 0; // every example IN for two shadows and OUT for two
        f.append(5000 + i).append(',').append(labels[i]).append(',').append(in ? 1 : 0);
        for (int c = 0; c < CLASSES; c++) {
          f.append(',').append(rng.nextGaussian() + (c == labels[i] ? 1.0 + (in ? 0.8 : 0) : 0));
        }
        f.append('\n');
      }
      Files.writeString(shadows.resolve("shadow-" + k + ".csv"), f.toString());
    }
  }

  static double loss(double[] z, int y) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum) - z[y];
  }

  @Test
  void importAttackAuditReportGate_withoutADataset() throws IOException {
    Path run = dir.resolve("generic");
    CliRunner.Result imp = CliRunner.run("import", "--scores", scores.toString(), "--out", run.toString());
    assertEquals(0, imp.exitCode(), imp.err());
    RunRecord rec = Json.read(run.resolve("run.json"), RunRecord.class);
    assertEquals("none", rec.dataset().name());
    assertEquals(200, rec.dataset().split().members());
    assertEquals(200, rec.dataset().split().nonMembers());

    CliRunner.Result loss = CliRunner.run("attack", "--run", run.toString(), "--attack", "loss");
    assertEquals(0, loss.exitCode(), loss.err());
    AttackRecord l = Json.read(run.resolve("attacks/loss.json"), AttackRecord.class);
    assertTrue(l.auc() > 0.6, "members were made more confident: AUC " + l.auc());

    CliRunner.Result lira = CliRunner.run("attack", "--run", run.toString(), "--attack", "lira", "--shadow-scores",
        shadows.toString());
    assertEquals(0, lira.exitCode(), lira.err());
    AttackRecord li = Json.read(run.resolve("attacks/lira.json"), AttackRecord.class);
    assertEquals(SHADOWS, ((Number) li.details().get("shadows")).intValue());
    CliRunner.Result rmia = CliRunner.run("attack", "--run", run.toString(), "--attack", "rmia", "--shadow-scores",
        shadows.toString());
    assertEquals(0, rmia.exitCode(), rmia.err());

    CliRunner.Result audit = CliRunner.run("audit", "--run", run.toString(), "--seed", "1");
    assertTrue(audit.exitCode() <= 1, audit.err());
    assertTrue(Files.exists(run.resolve("audit.json")));
    assertTrue(audit.out().contains("loss") && audit.out().contains("lira") && audit.out().contains("rmia"),
        audit.out());

    CliRunner.Result report = CliRunner.run("report", "--run", run.toString());
    assertEquals(0, report.exitCode(), report.err());
    String html = Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("predictions.csv"), "the report names where the examples came from");

    Path lenient = Files.writeString(dir.resolve("lenient.json"), "{\"auc\": [{\"max\": 0.99}]}");
    CliRunner.Result pass = CliRunner.run("gate", "--policy", lenient.toString(), "--run", run.toString());
    assertEquals(0, pass.exitCode(), pass.out() + pass.err());
    Path strict = Files.writeString(dir.resolve("strict.json"), "{\"auc\": [{\"attack\": \"loss\", \"max\": 0.55}]}");
    CliRunner.Result fail = CliRunner.run("gate", "--policy", strict.toString(), "--run", run.toString());
    assertEquals(1, fail.exitCode(), fail.out() + fail.err());
  }

  @Test
  void lossesOnly_giveTheSameLossAttackAsTheLogits() {
    Path a = dir.resolve("from-logits");
    Path b = dir.resolve("from-losses");
    assertEquals(0, CliRunner.run("import", "--scores", scores.toString(), "--out", a.toString()).exitCode());
    CliRunner.Result r = CliRunner.run("import", "--scores", losses.toString(), "--out", b.toString());
    assertEquals(0, r.exitCode(), r.err());
    for (Path run : new Path[] {a, b}) {
      assertEquals(0, CliRunner.run("attack", "--run", run.toString(), "--attack", "loss").exitCode());
    }
    double aucA = Json.read(a.resolve("attacks/loss.json"), AttackRecord.class).auc();
    double aucB = Json.read(b.resolve("attacks/loss.json"), AttackRecord.class).auc();
    assertEquals(aucA, aucB, 1e-12);

    CliRunner.Result shadow = CliRunner.run("attack", "--run", b.toString(), "--attack", "shadow");
    assertEquals(2, shadow.exitCode());
    assertEquals(1, shadow.errLines().length, shadow.err());
    CliRunner.Result lira = CliRunner.run("attack", "--run", b.toString(), "--attack", "lira", "--shadows", "4");
    assertEquals(2, lira.exitCode());
    assertTrue(lira.err().contains("--shadow-scores"), lira.err());
  }

  @Test
  void badRows_areOneLineErrors() throws IOException {
    Path twice = Files.writeString(dir.resolve("twice.csv"), "example,member,loss\n1,1,0.5\n1,0,0.7\n");
    CliRunner.Result r = CliRunner.run("import", "--scores", twice.toString(), "--out", dir.resolve("t").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("example 1 appears twice"), r.err());
    Path noLabel = Files.writeString(dir.resolve("nolabel.csv"), "example,member,logit_0,logit_1\n1,1,0.5,0.1\n");
    CliRunner.Result s = CliRunner.run("import", "--scores", noLabel.toString(), "--out", dir.resolve("u").toString());
    assertEquals(2, s.exitCode());
    assertTrue(s.err().contains("no 'label' column"), s.err());
    assertEquals(1, s.errLines().length, s.err());
  }
}
