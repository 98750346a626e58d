package org.dpaudit.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.Verdict;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, in its quick form, end to end on real MNIST. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void quickDemo_trainsAttacksAuditsAndReports() throws IOException {
    Path out = dir.resolve("demo");
    CliRunner.Result r = CliRunner.run("demo", "--quick", "--seed", "1", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String run : new String[] {"nonprivate", "dpsgd-eps2"}) {
      Path runDir = out.resolve(run);
      for (String f : new String[] {"run.json", "attacks/loss.json", "attacks/lira.json", "audit.json", "report.html"}) {
        assertTrue(Files.isRegularFile(runDir.resolve(f)), run + "/" + f);
      }
      AuditRecord a = Json.read(runDir.resolve("audit.json"), AuditRecord.class);
      assertNotEquals(Verdict.ACCOUNTANT_VIOLATED, a.verdict(), run + ": " + a.reason());
    }
    AuditRecord dp = Json.read(out.resolve("dpsgd-eps2/audit.json"), AuditRecord.class);
    assertEquals(2.0, dp.claimedEpsilon(), 1e-9);
    assertTrue(dp.accountantEpsilon() <= 2.0, "the accountant proves at most the calibrated target");
    String html = Files.readString(out.resolve("compare.html"));
    assertTrue(html.contains("nonprivate") && html.contains("dpsgd-eps2"));
    assertTrue(r.out().contains("report: "), r.out());
    // Verdict at a glance: the leaking non-private model is red or amber, the DP run inside its claim green.
    org.jsoup.nodes.Document d = org.jsoup.Jsoup.parse(html);
    for (org.jsoup.nodes.Element row : d.select("#runs tbody tr")) {
      org.jsoup.nodes.Element cell = row.selectFirst(".verdict-cell");
      String name = row.selectFirst("td").text().split(" ")[0];
      if (name.equals("nonprivate")) {
        assertTrue(cell.hasClass("t-bad") || cell.hasClass("t-warn"), name + ": " + cell.className());
      } else {
        assertTrue(cell.hasClass("t-ok"), name + ": " + cell.className() + " " + cell.text());
      }
    }
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("nonprivate ") && l.contains("LEAKS TRAINING DATA")),
        r.out());
    // The gate's verdict rule says what the headline says: the leaking non-private model fails it even
    // with no limit in the policy, the DP run inside its claim passes it.
    var verdictOnly = new org.dpaudit.core.artifact.gate.GatePolicy(null, null, null, null, null, null, null, null,
        null);
    AuditRecord np = Json.read(out.resolve("nonprivate/audit.json"), AuditRecord.class);
    var npRules = org.dpaudit.audit.gate.Gate.evaluate(verdictOnly, np, null);
    assertEquals(org.dpaudit.core.artifact.gate.RuleStatus.FAIL, npRules.get(0).status(), npRules.get(0).detail());
    assertTrue(npRules.get(0).detail().startsWith("leaks: "), npRules.get(0).detail());
    var dpRules = org.dpaudit.audit.gate.Gate.evaluate(verdictOnly, dp, null);
    assertEquals(org.dpaudit.core.artifact.gate.RuleStatus.PASS, dpRules.get(0).status(), dpRules.get(0).detail());
  }
}
