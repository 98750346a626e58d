package org.dpaudit.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff} exits 1 when the runs differ (a finding, as everywhere), 0 when they do not. */
class DiffCommandTest {
  @TempDir Path tmp;

  /** A run directory holding a real run.json (core's golden file of that schema), edited by {@code edit}. */
  private Path run(String name, String golden, java.util.function.UnaryOperator<String> edit) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    try (InputStream in = DiffCommandTest.class.getResourceAsStream("/org/dpaudit/core/artifact/golden/" + golden)) {
      Files.writeString(dir.resolve("run.json"), edit.apply(new String(in.readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8)));
    }
    return dir;
  }

  @Test
  void sameRun_exit0_differentRuns_exit1() throws IOException {
    Path a = run("a", "run-v2.json", t -> t);
    Path b = run("b", "run-v2.json", t -> t);
    CliRunner.Result same = CliRunner.run("diff", a.toString(), b.toString());
    assertEquals(ExitCodes.OK, same.exitCode(), same.err());
    assertTrue(same.out().startsWith("no differences"), same.out());

    Path c = run("c", "run-v2.json", t -> t.replaceFirst("\"testAccuracy\" : [0-9.]+", "\"testAccuracy\" : 0.5"));
    CliRunner.Result differ = CliRunner.run("diff", a.toString(), c.toString());
    assertEquals(ExitCodes.FINDING, differ.exitCode(), differ.out() + differ.err());
    assertTrue(differ.out().contains("metrics.testAccuracy"), differ.out());
  }

  @Test
  void anOlderSchemasSpelling_isNoDifference() throws IOException {
    Path a = run("a", "run-v2.json", t -> t);
    Path b = run("b", "run-v2.json", t -> t.replace("\"sampler\" : \"poisson\"", "\"sampler\" : \"POISSON\""));
    assertTrue(!Files.readString(a.resolve("run.json")).equals(Files.readString(b.resolve("run.json"))));
    CliRunner.Result r = CliRunner.run("diff", a.toString(), b.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.out() + r.err());
  }

  @Test
  void runOptions_andJson_giveTheSameDifferences() throws IOException {
    Path a = run("a", "run-v2.json", t -> t);
    Path c = run("c", "run-v2.json", t -> t.replaceFirst("\"testAccuracy\" : [0-9.]+", "\"testAccuracy\" : 0.5"));
    CliRunner.Result r = CliRunner.run("diff", "--run", a.toString(), "--run", c.toString(), "--json");
    assertEquals(ExitCodes.FINDING, r.exitCode(), r.out() + r.err());
    com.fasterxml.jackson.databind.JsonNode n = org.dpaudit.core.io.Json.mapper().readTree(r.out());
    assertEquals(a.toString(), n.get("runA").asText());
    assertEquals(1, n.get("differences").size(), r.out());
    assertEquals("metrics.testAccuracy", n.get("differences").get(0).get("path").asText());
    assertEquals("0.5", n.get("differences").get(0).get("right").asText());
    CliRunner.Result same = CliRunner.run("diff", a.toString(), "--run", a.toString(), "--json");
    assertEquals(ExitCodes.OK, same.exitCode(), same.err());
    assertEquals(0, org.dpaudit.core.io.Json.mapper().readTree(same.out()).get("differences").size());
    CliRunner.Result three = CliRunner.run("diff", a.toString(), c.toString(), "--run", a.toString());
    assertEquals(ExitCodes.ERROR, three.exitCode());
    assertTrue(three.err().contains("give two runs"), three.err());
  }
}
