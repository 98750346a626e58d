package org.dpaudit.cli.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on train, import and datasets list: standard output is exactly one JSON document
 * (parsed here, as a script would), the record the command wrote where it writes one, enum values as
 * on the command line; the summary, progress and the default-delta notice go to standard error.
 */
class JsonOutputTest {
  @TempDir Path dir;

  @Test
  void train_json_isRunJsonsRecord_andTheDefaultDeltaIsSaid() throws IOException {
    Path run = dir.resolve("run");
    CliRunner.Result r = CliRunner.run("train", "--scheme", "dpsgd", "--model", "mlp", "--dataset", "mnist",
        "--members", "200", "--non-members", "100", "--attacker-pool", "100", "--test", "200", "--noise-multiplier",
        "1.0", "--batch-size", "50", "--epochs", "1", "--seed", "1", "--out", run.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    RunRecord printed = Json.read(r.out(), RunRecord.class, "stdout");
    RunRecord written = ArtifactSchema.RUN.read(run.resolve("run.json"));
    assertEquals(Json.toTree(written), Json.toTree(printed));
    JsonNode tree = Json.mapper().readTree(r.out());
    assertEquals("poisson", tree.get("privacy").get("sampler").asText());
    assertEquals(1e-5, tree.get("privacy").get("delta").asDouble());
    assertTrue(r.err().contains("--delta not given: the privacy claim is stated at delta = 1.0E-5"), r.err());
    assertTrue(r.err().contains("claimed epsilon"), "the summary goes to stderr: " + r.err());
    assertFalse(r.out().contains("claimed epsilon "), r.out());
  }

  @Test
  void train_withDelta_saysNothingAboutIt_andNonPrivateNever() {
    CliRunner.Result r = CliRunner.run("train", "--scheme", "nonprivate", "--model", "mlp", "--dataset", "mnist",
        "--members", "200", "--non-members", "100", "--attacker-pool", "100", "--test", "200", "--batch-size", "50",
        "--epochs", "1", "--seed", "1", "--out", dir.resolve("np").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(r.err().contains("--delta not given"), r.err());
    assertTrue(r.out().contains("claimed epsilon"), r.out());
  }

  @Test
  void import_json_isRunJsonsRecord() throws IOException {
    StringBuilder s = new StringBuilder("example,member,loss\n");
    for (int i = 0; i < 200; i++) {
      s.append(i).append(',').append(i % 2).append(',').append(i % 2 == 1 ? 0.1 + i * 1e-3 : 0.5 + i * 1e-3)
          .append('\n');
    }
    Path scores = Files.writeString(dir.resolve("s.csv"), s.toString());
    Path run = dir.resolve("imp");
    CliRunner.Result r = CliRunner.run("import", "--scores", scores.toString(), "--claimed-epsilon", "3", "--out",
        run.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    RunRecord printed = Json.read(r.out(), RunRecord.class, "stdout");
    assertEquals(Json.toTree(ArtifactSchema.RUN.read(run.resolve("run.json"))), Json.toTree(printed));
    assertEquals(3.0, printed.privacy().claimedEpsilon());
    assertTrue(r.err().contains("--delta not given"), r.err());

    CliRunner.Result given = CliRunner.run("import", "--scores", scores.toString(), "--claimed-epsilon", "3",
        "--delta", "1e-6", "--out", dir.resolve("imp2").toString());
    assertEquals(0, given.exitCode(), given.err());
    assertFalse(given.err().contains("--delta not given"), given.err());
    assertTrue(given.out().startsWith("imported"), given.out());
  }

  @Test
  void datasetsList_json_listsEveryDatasetWithAnId() throws IOException {
    CliRunner.Result r = CliRunner.run("datasets", "list", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode n = Json.mapper().readTree(r.out());
    assertEquals(4, n.get("datasets").size(), r.out());
    for (JsonNode d : n.get("datasets")) {
      assertTrue(d.get("status").asText().matches("cached|not-fetched|from-path"), r.out());
    }
    assertEquals("from-path", n.get("datasets").get(3).get("status").asText());
    assertEquals("csv", n.get("datasets").get(3).get("name").asText());
  }

  @Test
  void experimentList_json_namesThePresets() throws IOException {
    CliRunner.Result r = CliRunner.run("experiment", "--list", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode n = Json.mapper().readTree(r.out());
    assertTrue(n.isArray() && n.size() > 0, r.out());
    for (JsonNode p : n) {
      assertTrue(p.get("cells").asInt() > 0 && !p.get("name").asText().isEmpty(), r.out());
    }
  }

  /** experiment --json: the table (table.json's record) on stdout, the "written:" line on stderr. */
  @Test
  void experiment_json_isTheTable() throws IOException {
    Path preset = dir.resolve("one.json");
    Files.writeString(preset, """
        {"schemaVersion": 1, "kind": "experiment-preset", "name": "one", "title": "t", "source": "s",
         "settings": {"model": "mlp", "dataset": "mnist", "members": 200, "nonMembers": 0, "attackerPool": 0,
           "test": 100, "splitSeed": 0, "epochs": 1, "batchSize": 100, "optimizer": "sgd", "learningRate": 0.1,
           "momentum": 0.0, "lrSchedule": "constant", "clipNorm": 1.0, "delta": 1e-5, "sampler": "poisson"},
         "epsilons": [4],
         "rows": [{"label": "DP-SGD", "scheme": "dpsgd", "options": {}, "published": null}]}
        """);
    CliRunner.Result r = CliRunner.run("experiment", preset.toString(), "--seed", "1", "--seeds", "1", "--no-audit",
        "--out", dir.resolve("exp").toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode printed = Json.mapper().readTree(r.out());
    assertEquals(Json.readTree(dir.resolve("exp/one/table.json")), printed);
    assertEquals(1, printed.get("rows").size());
    assertTrue(r.err().contains("written: "), r.err());
    assertFalse(r.out().contains("|"), "no Markdown table on stdout: " + r.out());
  }
}
