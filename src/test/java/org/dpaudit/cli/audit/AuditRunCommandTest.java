package org.dpaudit.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.audit.RunFixture;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpaudit audit --run} on hand-made run directories: the summary, --json, and the exit codes. */
class AuditRunCommandTest {
  @TempDir Path tmp;

  @Test
  void honestRun_showsTheThreeEpsilonsAndExits0() {
    Path run = RunFixture.at(tmp.resolve("dp")).claimed(2).accountant(1.8).attack("loss", 0, 1000, 1000, 1).write();
    CliRunner.Result r = CliRunner.run("audit", "--run", run.toString(), "--seed", "1");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals("audit of run dp (dpsgd), delta 1e-05", lines[0]);
    assertTrue(lines[1].matches("\\s+claimed\\s+accountant\\s+empirical \\(95% confidence\\)"), lines[1]);
    assertTrue(lines[2].matches("  epsilon\\s+2\\.000\\s+1\\.800\\s+>= 0\\.000  \\(none, no deciding bound\\)"),
        lines[2]);
    assertTrue(r.out().contains("\nheadline: inconclusive\nverdict: inconclusive"), r.out());
    assertTrue(r.out().contains("(estimate; "), "the attack is an estimate: " + r.out());
    assertTrue(r.out().contains("written to " + run.resolve("audit.json")), r.out());
    assertTrue(Files.exists(run.resolve("audit.json")));
  }

  /** Noise 3x smaller than the ledger says, seen by white-box canaries: a finding, exit 1. */
  @Test
  void tooLittleNoise_isAFinding_exit1() {
    org.dpaudit.audit.selftest.WhiteBoxSimulator sim = new org.dpaudit.audit.selftest.WhiteBoxSimulator(2000, 200, 60,
        0.1, 1.5);
    double eps = RunFixture.proven(sim);
    Path run = RunFixture.at(tmp.resolve("bug")).claimed(eps).accountant(eps)
        .whiteBox(sim, new org.dpaudit.audit.selftest.WhiteBoxSimulator.Defect(1 / 3.0, 1, 1, false, 0, false), 2)
        .write();
    CliRunner.Result r = CliRunner.run("audit", "--run", run.toString(), "--seed", "1");
    assertEquals(ExitCodes.FINDING, r.exitCode(), r.err());
    assertTrue(r.out().contains("headline: ACCOUNTANT VIOLATED\nverdict: accountant-violated (the model measurably leaks)"),
        r.out());
    assertTrue(r.out().contains("null-variance") && r.out().contains("FAILED"), r.out());
    assertTrue(r.out().contains("is REJECTED"), r.out());
  }

  /** A claim below what the accountant proves: claim-unproven, exit 1. */
  @Test
  void unprovenClaim_isAFinding_exit1() {
    Path run = RunFixture.at(tmp.resolve("unproven")).claimed(2).accountant(3559).attack("loss", 0, 200, 200, 7).write();
    CliRunner.Result r = CliRunner.run("audit", "--run", run.toString(), "--seed", "1");
    assertEquals(ExitCodes.FINDING, r.exitCode(), r.err());
    assertTrue(r.out().contains("headline: CLAIM UNPROVEN\nverdict: claim-unproven"), r.out());
  }

  @Test
  void json_printsAuditJson() throws Exception {
    Path run = RunFixture.at(tmp.resolve("np")).nonPrivate().attack("loss", 1, 500, 500, 3).write();
    CliRunner.Result r = CliRunner.run("audit", "--run", run.toString(), "--json", "--threshold", "bonferroni",
        "--confidence", "0.9", "--seed", "1");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    JsonNode n = Json.mapper().readTree(r.out());
    assertEquals("audit", n.get("kind").asText());
    assertEquals("Infinity", n.get("claimedEpsilon").asText());
    assertEquals(0.9, n.get("empiricalEpsilon").get("confidence").asDouble());
    assertEquals("bonferroni", n.get("empiricalEpsilon").get("bounds").get(0).get("bound").get("thresholdSelection")
        .asText());
    assertFalse(n.get("leaks").asBoolean(), "an attack estimate does not make a run leak");
    assertFalse(n.get("empiricalEpsilon").get("bounds").get(0).get("decides").asBoolean());
    assertEquals(Files.readString(run.resolve("audit.json")), r.out());
  }

  @Test
  void badInput_isOneLine_exit2() {
    CliRunner.Result missing = CliRunner.run("audit", "--run", tmp.resolve("none").toString());
    assertEquals(ExitCodes.ERROR, missing.exitCode());
    assertEquals(1, missing.errLines().length, missing.err());
    assertTrue(missing.err().startsWith("error: "), missing.err());
    Path run = RunFixture.at(tmp.resolve("r")).attack("loss", 0, 100, 100, 4).write();
    for (String[] args : new String[][] {
      {"audit", "--run", run.toString(), "--confidence", "1.5"},
      {"audit", "--run", run.toString(), "--attacks", "inversion"},
      {"audit", "--run", run.toString(), "--attacks", "lira"},
      {"audit", "--run", run.toString(), "--threshold", "best"},
    }) {
      CliRunner.Result r = CliRunner.run(args);
      assertEquals(ExitCodes.ERROR, r.exitCode(), String.join(" ", args));
      assertEquals(1, r.errLines().length, r.err());
      assertFalse(Files.exists(run.resolve("audit.json")), String.join(" ", args));
    }
  }

  @Test
  void attacksOption_choosesWhatIsBounded() {
    Path run = RunFixture.at(tmp.resolve("two")).claimed(8).accountant(8).attack("loss", 0, 200, 200, 5)
        .attack("lira", 0, 200, 200, 6).write();
    CliRunner.Result both = CliRunner.run("audit", "--run", run.toString(), "--seed", "1", "--json");
    assertTrue(both.out().contains("\"source\" : \"attack:loss\"") && both.out().contains("\"source\" : \"attack:lira\""),
        both.out());
    CliRunner.Result loss = CliRunner.run("audit", "--run", run.toString(), "--attacks", "loss", "--seed", "1", "--json");
    assertEquals(ExitCodes.OK, loss.exitCode(), loss.err());
    assertFalse(loss.out().contains("attack:lira"), loss.out());
    CliRunner.Result rmia = CliRunner.run("audit", "--run", run.toString(), "--attacks", "loss,rmia");
    assertEquals(ExitCodes.ERROR, rmia.exitCode());
    assertTrue(rmia.err().contains("has no attacks/rmia.json; run 'dpaudit attack --run"), rmia.err());
  }

  @Test
  void bare_stillPrintsUsage() {
    CliRunner.Result r = CliRunner.run("audit");
    assertEquals(ExitCodes.OK, r.exitCode());
    assertTrue(r.out().contains("--run") && r.out().contains("selftest"), r.out());
  }
}
