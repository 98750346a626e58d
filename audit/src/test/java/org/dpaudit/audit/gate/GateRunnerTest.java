package org.dpaudit.audit.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpaudit.audit.AuditConfig;
import org.dpaudit.audit.RunAuditor;
import org.dpaudit.audit.RunFixture;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.artifact.gate.GateRecord;
import org.dpaudit.core.artifact.gate.RuleResult;
import org.dpaudit.core.artifact.gate.RuleStatus;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.audit.selftest.WhiteBoxSimulator;
import org.dpaudit.core.accounting.RdpAccountant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateRunnerTest {
  @TempDir Path tmp;

  private Path audited(String name, double shift) {
    WhiteBoxSimulator sim = new WhiteBoxSimulator(2000, 200, 60, 0.1, 1.5);
    double eps = org.dpaudit.audit.RunFixture.proven(sim);
    WhiteBoxSimulator.Defect d = shift == 0 ? WhiteBoxSimulator.Defect.NONE
        : new WhiteBoxSimulator.Defect(1 / shift, 1, 1, false, 0, false);
    Path run = RunFixture.at(tmp.resolve(name)).claimed(eps).accountant(eps).whiteBox(sim, d, 1)
        .attack("loss", 0, 500, 500, 1).write();
    RunAuditor.run(run, new RunAuditor.Options(new AuditConfig(), 3L, DeviceChoice.CPU), m -> { });
    return run;
  }

  private Path policy(String json) throws IOException {
    Path p = tmp.resolve("policy.json");
    Files.writeString(p, json);
    return p;
  }

  @Test
  void writesGateJson_andTheJUnitReport() throws Exception {
    Path run = audited("dp", 0);
    Path junit = tmp.resolve("reports/gate.xml");
    GateRecord g = GateRunner.run(new GateRunner.Options(policy("{\"empiricalEpsilon\": {\"max\": 1}}"), run, null, junit));
    assertTrue(g.passed());
    assertEquals(g, Json.read(run.resolve("gate.json"), GateRecord.class));
    assertEquals("gate", g.kind());
    assertEquals(2, JUnitXmlTest.parse(Files.readString(junit)).getElementsByTagName("testcase").getLength());
  }

  @Test
  void againstABaseline_comparesTheTwoAudits() throws Exception {
    Path base = audited("main", 0);
    Path run = audited("pr", 3);
    GateRecord g = GateRunner.run(new GateRunner.Options(policy("{\"empiricalEpsilon\": {\"maxIncrease\": 0.5}}"), run,
        base, null));
    assertFalse(g.passed());
    assertEquals("main", g.baseline());
    // Noise 3x too small: the white-box canaries show more than the accountant proves, so the verdict fails too.
    assertEquals(List.of("verdict", "empirical epsilon increase over baseline <= 0.5"), g.rules().stream()
        .filter(r -> r.status() == RuleStatus.FAIL).map(RuleResult::name).toList());
  }

  @Test
  void missingAuditJson_isAnErrorNamingTheCommandToRun() throws Exception {
    Path run = RunFixture.at(tmp.resolve("raw")).attack("loss", 0, 50, 50, 1).write();
    ArtifactException e = assertThrows(ArtifactException.class,
        () -> GateRunner.run(new GateRunner.Options(policy("{}"), run, null, null)));
    assertEquals(run + " has no audit.json; run 'dpaudit audit --run " + run + "' first", e.getMessage());
    assertFalse(Files.exists(run.resolve("gate.json")));
  }

  @Test
  void anAuditOlderThanItsInputs_isRefused() throws Exception {
    Path run = audited("stale", 0);
    Path csv = run.resolve("attacks/loss-scores.csv");
    Files.writeString(csv, Files.readString(csv) + "\n");
    ArtifactException e = assertThrows(ArtifactException.class,
        () -> GateRunner.run(new GateRunner.Options(policy("{}"), run, null, null)));
    assertTrue(e.getMessage().contains("audit.json is out of date: attacks/loss-scores.csv changed since the audit"),
        e.getMessage());
    assertFalse(Files.exists(run.resolve("gate.json")));
  }

  @Test
  void missingRun_isAnError() throws Exception {
    Path p = policy("{}");
    assertThrows(ArtifactException.class, () -> GateRunner.run(new GateRunner.Options(p, tmp.resolve("no"), null, null)));
  }
}
