package org.dpaudit.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dpaudit.audit.RunFixture;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/** {@code dpaudit gate}: exit 0 pass, 1 violated, 2 bad input, on audited hand-made runs. */
class GateCommandTest {
  @TempDir Path tmp;

  private Path honest;
  private Path leaky;

  @BeforeEach
  void audit() {
    honest = RunFixture.at(tmp.resolve("honest")).claimed(2).accountant(1.8).testAccuracy(0.9)
        .attack("loss", 0, 1000, 1000, 1).write();
    // a correct DP-SGD run audited with white-box canaries: they show real leakage within its proof
    org.dpaudit.audit.selftest.WhiteBoxSimulator sim = new org.dpaudit.audit.selftest.WhiteBoxSimulator(2000, 200, 60,
        0.1, 1.5);
    double eps = RunFixture.proven(sim);
    leaky = RunFixture.at(tmp.resolve("leaky")).claimed(eps).accountant(eps).testAccuracy(0.95)
        .whiteBox(sim, org.dpaudit.audit.selftest.WhiteBoxSimulator.Defect.NONE, 2).attack("loss", 1, 1000, 1000, 2)
        .write();
    for (Path run : new Path[] {honest, leaky}) {
      assertTrue(CliRunner.run("audit", "--run", run.toString(), "--seed", "1").exitCode() <= 1);
    }
  }

  private Path policy(String json) throws IOException {
    Path p = tmp.resolve("policy-" + Integer.toHexString(json.hashCode()) + ".json");
    Files.writeString(p, json);
    return p;
  }

  private CliRunner.Result gate(String json, Path run, String... more) throws IOException {
    String[] args = new String[5 + more.length];
    args[0] = "gate";
    args[1] = "--policy";
    args[2] = policy(json).toString();
    args[3] = "--run";
    args[4] = run.toString();
    System.arraycopy(more, 0, args, 5, more.length);
    return CliRunner.run(args);
  }

  @Test
  void withinThePolicy_passes_exit0() throws IOException {
    CliRunner.Result r = gate("{\"accountantEpsilon\": {\"max\": 2}, \"empiricalEpsilon\": {\"max\": 1}, "
        + "\"auc\": [{\"max\": 0.6}], \"testAccuracy\": {\"min\": 0.8}}", honest);
    assertEquals(ExitCodes.OK, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().startsWith("dpaudit gate: run honest against "), r.out());
    assertTrue(r.out().contains("PASS  accountant epsilon <= 2"), r.out());
    assertTrue(r.out().contains("PASSED: 0 of 5 rules failed"), r.out());
    assertTrue(Files.exists(honest.resolve("gate.json")));
    assertEquals("", r.err());
  }

  @Test
  void json_printsGateJson_withTheSameExitCode() throws IOException {
    CliRunner.Result r = gate("{\"accountantEpsilon\": {\"max\": 1.5}}", honest, "--json");
    assertEquals(ExitCodes.FINDING, r.exitCode(), r.out() + r.err());
    com.fasterxml.jackson.databind.JsonNode n = org.dpaudit.core.io.Json.readTree(r.out(), "stdout");
    assertEquals("gate", n.get("kind").asText());
    assertEquals(false, n.get("passed").asBoolean());
    assertEquals(n, org.dpaudit.core.io.Json.readTree(honest.resolve("gate.json")), "the same as gate.json");
    assertTrue(r.out().contains("\"status\" : \"fail\""), "statuses as on the command line: " + r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"accountantEpsilon\": {\"max\": 1.5}}",
    "{\"empiricalEpsilon\": {\"max\": 0.1}}",
    "{\"auc\": [{\"max\": 0.6}]}",
    "{\"auc\": [{\"attack\": \"loss\", \"max\": 0.6}]}",
    "{\"tprAtFpr\": [{\"fpr\": 0.01, \"max\": 0.02}]}",
    "{\"testAccuracy\": {\"min\": 0.99}}",
  })
  void eachKindOfViolation_exit1(String json) throws IOException {
    CliRunner.Result r = gate(json, leaky);
    assertEquals(ExitCodes.FINDING, r.exitCode(), json + "\n" + r.out() + r.err());
    assertTrue(r.out().contains("\n  FAIL  "), r.out());
    assertTrue(r.out().contains("FAILED: 1 of 2 rules failed"), r.out());
  }

  @Test
  void baselineRegression_exit1_andWithoutBaselineTheRuleIsSkipped() throws IOException {
    String json = "{\"auc\": [{\"maxIncrease\": 0.02}], \"testAccuracy\": {\"maxDecrease\": 0.02}}";
    CliRunner.Result worse = gate(json, leaky, "--baseline", honest.toString());
    assertEquals(ExitCodes.FINDING, worse.exitCode(), worse.out());
    assertTrue(worse.out().contains("FAIL  AUC (any attack) increase over baseline <= 0.02"), worse.out());
    assertTrue(worse.out().contains("PASS  test accuracy decrease from baseline <= 0.02"), worse.out());
    CliRunner.Result better = gate(json, honest, "--baseline", leaky.toString());
    assertEquals(ExitCodes.FINDING, better.exitCode(), "accuracy fell by 0.05: " + better.out());
    assertTrue(better.out().contains("FAIL  test accuracy decrease from baseline <= 0.02"), better.out());
    CliRunner.Result none = gate(json, leaky);
    assertEquals(ExitCodes.OK, none.exitCode(), none.out());
    assertTrue(none.out().contains("SKIP  AUC (any attack) increase over baseline <= 0.02  no --baseline given"),
        none.out());
  }

  @Test
  void junitReport_parses_oneCasePerRule() throws Exception {
    Path xml = tmp.resolve("ci/gate.xml");
    CliRunner.Result r = gate("{\"empiricalEpsilon\": {\"max\": 0.1}, \"auc\": [{\"max\": 0.9}]}", leaky, "--junit",
        xml.toString());
    assertEquals(ExitCodes.FINDING, r.exitCode(), r.out());
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    assertEquals(3, d.getElementsByTagName("testcase").getLength());
    assertEquals(1, d.getElementsByTagName("failure").getLength());
    assertEquals("1", d.getDocumentElement().getAttribute("failures"));
  }

  @Test
  void badInput_isOneLine_exit2_andWritesNothing() throws IOException {
    Path raw = RunFixture.at(tmp.resolve("raw")).attack("loss", 0, 50, 50, 3).write();
    String[][] cases = {
      {"{\"accountantEpsilon\": {\"max\": 2", honest.toString()},
      {"{\"maxAuc\": 0.6}", honest.toString()},
      {"{\"accountantEpsilon\": {\"max\": -1}}", honest.toString()},
      {"{\"auc\": [{\"attack\": \"rmia\", \"max\": 0.6}]}", honest.toString()},
      {"{}", tmp.resolve("missing").toString()},
      {"{}", raw.toString()},
    };
    for (String[] c : cases) {
      Files.deleteIfExists(honest.resolve("gate.json"));
      CliRunner.Result r = gate(c[0], Path.of(c[1]));
      assertEquals(ExitCodes.ERROR, r.exitCode(), c[0] + " " + c[1] + ": " + r.out());
      assertEquals(1, r.errLines().length, r.err());
      assertTrue(r.err().startsWith("error: "), r.err());
      assertEquals("", r.out());
      assertFalse(Files.exists(honest.resolve("gate.json")), c[0]);
      assertFalse(Files.exists(raw.resolve("gate.json")), c[0]);
    }
    CliRunner.Result noPolicy = CliRunner.run("gate", "--policy", tmp.resolve("nope.json").toString(), "--run",
        honest.toString());
    assertEquals(ExitCodes.ERROR, noPolicy.exitCode());
    assertTrue(noPolicy.err().contains("no such policy file"), noPolicy.err());
    CliRunner.Result noRun = CliRunner.run("gate", "--policy", policy("{}").toString());
    assertEquals(ExitCodes.ERROR, noRun.exitCode());
  }
}
