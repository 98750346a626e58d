package org.dpaudit.cli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.dpaudit.datasets.DatasetRequest;
import org.dpaudit.datasets.Datasets;
import org.dpaudit.datasets.LoadedDataset;
import org.dpaudit.core.artifact.run.RunRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models trained elsewhere become run directories that the attacks work on. */
class ImportCommandTest {
  @TempDir static Path dir;
  static Path model;
  static Path members;
  static LoadedDataset mnist;

  @BeforeAll
  static void fixtures() throws IOException {
    model = dir.resolve("linear-mnist.pt");
    try (InputStream in = ImportCommandTest.class.getResourceAsStream("/org/dpaudit/attacks/target/linear-mnist.pt")) {
      Files.copy(in, model);
    }
    members = Files.writeString(dir.resolve("members.txt"),
        "# the first 200 training examples\n" + IntStream.range(0, 200).mapToObj(Integer::toString)
            .collect(Collectors.joining("\n")) + "\n");
    mnist = new Datasets(m -> { }, false).load(DatasetRequest.named("mnist"));
  }

  @Test
  void torchScript_importThenAttack() {
    Path out = dir.resolve("ts");
    CliRunner.Result r = CliRunner.run("import", "--torchscript", model.toString(), "--dataset", "mnist", "--members",
        members.toString(), "--attacker-pool", "2000", "--test", "500", "--claimed-epsilon", "3", "--out",
        out.toString());
    assertEquals(0, r.exitCode(), r.err());
    RunRecord run = Json.read(out.resolve("run.json"), RunRecord.class);
    assertEquals("imported", run.origin());
    assertEquals(200, run.dataset().split().members());
    assertEquals(200, run.dataset().split().nonMembers(), "as many non-members drawn");
    assertEquals(3.0, run.privacy().claimedEpsilon());
    assertEquals(null, run.privacy().accountantEpsilon(), "nothing is known of how it was trained");

    CliRunner.Result loss = CliRunner.run("attack", "--run", out.toString(), "--attack", "loss");
    assertEquals(0, loss.exitCode(), loss.err());
    AttackRecord rec = Json.read(out.resolve("attacks/loss.json"), AttackRecord.class);
    assertEquals(400, rec.members() + rec.nonMembers());

    CliRunner.Result audit = CliRunner.run("audit", "--run", out.toString(), "--seed", "1");
    assertEquals(1, audit.exitCode(), audit.err());
    assertTrue(audit.out().contains("verdict: claim-unproven"), "a claim with no ledger behind it: " + audit.out());
    assertTrue(audit.out().contains("--noise-multiplier"), "says how to have it accounted: " + audit.out());

    CliRunner.Result noRecipe = CliRunner.run("attack", "--run", out.toString(), "--attack", "lira", "--shadows", "2");
    assertEquals(2, noRecipe.exitCode());
    assertTrue(noRecipe.err().contains("--shadow-model"), noRecipe.err());

    CliRunner.Result lira = CliRunner.run("attack", "--run", out.toString(), "--attack", "lira", "--shadows", "2",
        "--shadow-model", "mlp", "--shadow-epochs", "2", "--seed", "1");
    assertEquals(0, lira.exitCode(), lira.err());
  }

  private Path scoresCsv(String name, boolean wrongLabel) throws IOException {
    StringBuilder b = new StringBuilder("example,label,member,logit_0,logit_1,logit_2,logit_3,logit_4,logit_5,"
        + "logit_6,logit_7,logit_8,logit_9\n");
    for (int i = 0; i < 100; i++) {
      int label = mnist.train().label(i);
      if (wrongLabel && i == 7) {
        label = (label + 1) % 10;
      }
      b.append(i).append(',').append(label).append(',').append(i < 50 ? 1 : 0);
      for (int c = 0; c < 10; c++) {
        b.append(',').append(c == label ? (i < 50 ? 5.0 : 2.0) : 0.1 * c);
      }
      b.append('\n');
    }
    return Files.writeString(dir.resolve(name), b.toString());
  }

  @Test
  void scores_importThenLossAttack() throws IOException {
    Path out = dir.resolve("scores");
    CliRunner.Result r = CliRunner.run("import", "--scores", scoresCsv("s.csv", false).toString(), "--dataset", "mnist",
        "--attacker-pool", "500", "--test", "100", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    CliRunner.Result loss = CliRunner.run("attack", "--run", out.toString(), "--attack", "loss");
    assertEquals(0, loss.exitCode(), loss.err());
    AttackRecord rec = Json.read(out.resolve("attacks/loss.json"), AttackRecord.class);
    assertEquals(1.0, rec.auc(), 1e-12, "members were given the more confident logits");
  }

  @Test
  void scoresWithAWrongLabel_areRefused() throws IOException {
    Path out = dir.resolve("bad");
    CliRunner.Result r = CliRunner.run("import", "--scores", scoresCsv("bad.csv", true).toString(), "--dataset",
        "mnist", "--out", out.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("example 7 has label"), r.err());
    assertFalse(Files.exists(out.resolve("run.json")), "no half-made run");
  }

  @Test
  void badMembersFile_isOneLineError() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad-members.txt"), "1\n2\nthree\n");
    CliRunner.Result r = CliRunner.run("import", "--torchscript", model.toString(), "--dataset", "mnist", "--members",
        bad.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().contains("line 3: 'three' is not an index"), r.err());
  }

  @Test
  void notTorchScript_isOneLineNamingTheUsersFile_andLeavesNoRunDirectory() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pt"), "not a model");
    Path out = dir.resolve("junk-run");
    CliRunner.Result r = CliRunner.run("import", "--torchscript", junk.toString(), "--dataset", "mnist", "--members",
        members.toString(), "--out", out.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("error: " + junk + ": not a loadable TorchScript model"), r.err());
    assertFalse(Files.exists(out), "no half-written run directory");
  }
}
