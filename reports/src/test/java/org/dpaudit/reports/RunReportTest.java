package org.dpaudit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.artifact.attack.InversionRecord;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.artifact.run.RunRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-run report from fixed run directories: the sections are there, and the numbers shown
 * are the run's JSON numbers (read back from the files, then also pinned as literals).
 */
class RunReportTest {
  @TempDir Path tmp;

  private Document report(Path run) {
    Path out = new ReportWriter().writeRunReport(run, null);
    assertEquals(run.resolve("report.html"), out);
    try {
      return Jsoup.parse(Files.readString(out));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Path fullRun() {
    return RunFixture.dpsgd("dp-eps2")
        .attack("loss", 0.518793, 0.005, 0.012)
        .attack("lira", 0.668503, 0.04, 0.071, Map.of("shadows", 8, "variant", "lira-online-fixed-variance"),
            Map.of("lira-online-fixed-variance", RunFixture.metrics(0.668503, 0.04, 0.071),
                "lira-offline", RunFixture.metrics(0.610047, 0.003, 0.019)))
        .inversion("zero", "one")
        .audit("consistent", 0.42, true, "The claim holds against these attacks")
        .writeTo(tmp.resolve("dp-eps2"));
  }

  @Test
  void verdictAndTheThreeEpsilons_comeFirst() {
    Document d = report(fullRun());
    Element first = d.selectFirst("main > section");
    assertEquals("verdict", first.id());
    assertEquals("Consistent with its claim", first.selectFirst(".verdict").text());
    assertTrue(first.hasClass("v-consistent") && first.hasClass("t-ok"), first.className());
    assertNull(first.selectFirst(".formal"), "the formal verdict says the same");
    assertEquals("2.00", d.selectFirst("#eps-claimed .number").text());
    assertEquals(Formats.epsilon(RunFixture.PLD), d.selectFirst("#eps-accountant .number").text());
    assertEquals("1.83", d.selectFirst("#eps-accountant .number").text());
    assertEquals("a measurable leak, within the claim", d.selectFirst("#verdict .pill.quiet").text());
    assertEquals("0.42", d.selectFirst("#eps-empirical .number").text());
    assertEquals("≥", d.selectFirst("#eps-empirical .prefix").text());
    assertTrue(d.selectFirst("#eps-empirical .detail").text().contains("at 95% confidence"), d.selectFirst("#eps-empirical").text());
    assertTrue(first.text().contains("The claim holds against these attacks"));
    assertNotNull(first.selectFirst("figure.chart svg"), "the three epsilons on one axis");
  }

  @Test
  void fixtureAudit_isAValidAuditRecord() throws Exception {
    // the report reads audit.json as its record through ArtifactSchema; this keeps the fixture
    // honest: it must still be what the audit module writes and reads back
    Path run = fullRun();
    var audit = Json.read(run.resolve("audit.json"), org.dpaudit.core.artifact.audit.AuditRecord.class);
    assertEquals("dp-eps2", audit.run());
    assertEquals(0.42, audit.empiricalEpsilon().lower());
  }

  @Test
  void olderSchemaAudit_rendersAsTheCurrentSchemaDoes() throws Exception {
    // the fixture's audit.json is a real schema-2 audit (enums as Java constants); the same record
    // written in the current schema must give the same page, and the older file must still render
    Path run = fullRun();
    Path auditFile = run.resolve("audit.json");
    assertEquals(2, Json.readTree(auditFile).get("schemaVersion").intValue());
    assertTrue(Files.readString(auditFile).contains("\"CLOPPER_PEARSON\""), "schema 2 spells enums as constants");
    Document older = report(run);
    var record = org.dpaudit.core.artifact.ArtifactSchema.AUDIT.read(auditFile);
    var current = (com.fasterxml.jackson.databind.node.ObjectNode) Json.toTree(record);
    current.put("schemaVersion", org.dpaudit.core.artifact.audit.AuditRecord.SCHEMA_VERSION);
    Json.writeFile(auditFile, current);
    assertTrue(Files.readString(auditFile).contains("\"clopper-pearson\""), "the current schema spells them as ids");
    Document now = report(run);
    assertEquals(now.selectFirst("#verdict").text(), older.selectFirst("#verdict").text());
    assertEquals(now.selectFirst("#audit").text(), older.selectFirst("#audit").text());
    assertTrue(older.selectFirst("#audit").text().contains("Clopper–Pearson hypothesis test"),
        older.selectFirst("#audit").text());
    assertEquals(now.selectFirst("main").text(), older.selectFirst("main").text());
  }

  @Test
  void newerSchemaAudit_isRefusedInOneLine() throws Exception {
    Path run = fullRun();
    Path auditFile = run.resolve("audit.json");
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.readTree(auditFile);
    tree.put("schemaVersion", org.dpaudit.core.artifact.audit.AuditRecord.SCHEMA_VERSION + 1);
    Json.writeFile(auditFile, tree);
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.dpaudit.core.ArtifactException.class,
        () -> new ReportWriter().writeRunReport(run, null));
    assertTrue(e.getMessage().contains("written by a newer dpaudit") && !e.getMessage().contains("\n"), e.getMessage());
    assertFalse(Files.exists(run.resolve("report.html")), "no report drawn from a file it may misread");
  }

  @Test
  void sections_areAllPresent() {
    Document d = report(fullRun());
    for (String id : List.of("verdict", "utility", "attacks", "canaries", "inversion", "audit", "privacy", "provenance")) {
      assertNotNull(d.getElementById(id), "section " + id);
    }
    assertNotNull(d.getElementById("attack-loss"));
    assertNotNull(d.getElementById("attack-lira"));
    assertEquals(2, d.select("#attacks svg").size(), "one ROC chart per attack");
  }

  @Test
  void tprRowsTheSampleCannotResolve_areGreyed_withTheReason() {
    Document d = report(fullRun());
    var rows = d.select("#attack-loss tbody tr");
    // 1000 non-members: 0.01% FPR is below 1/1000, so that row is the zero-false-positive threshold.
    Element first = rows.get(0);
    assertEquals("0.01%", first.select("td").get(0).text());
    assertTrue(first.hasClass("unresolved"), first.outerHtml());
    assertTrue(first.text().contains("with 1000 non-members the smallest non-zero FPR is 0.10%"), first.text());
    for (Element r : rows.subList(1, rows.size())) {
      assertFalse(r.hasClass("unresolved"), r.text());
    }
  }

  @Test
  void numbersShown_equalTheRunJson() throws Exception {
    Path run = fullRun();
    Document d = report(run);
    RunRecord r = Json.read(run.resolve("run.json"), RunRecord.class);
    AttackRecord loss = Json.read(run.resolve("attacks/loss.json"), AttackRecord.class);
    AttackRecord lira = Json.read(run.resolve("attacks/lira.json"), AttackRecord.class);
    assertEquals(Formats.percent(r.metrics().testAccuracy()), d.getElementById("test-accuracy").text());
    assertEquals("69.2%", d.getElementById("test-accuracy").text());
    assertEquals("64.3%", d.getElementById("train-accuracy").text());
    assertEquals(Formats.rate(loss.auc()), d.selectFirst("#attack-loss .auc").text());
    assertEquals("0.519", d.selectFirst("#attack-loss .auc").text());
    assertEquals("0.669", d.selectFirst("#attack-lira .auc").text());
    assertEquals(Formats.percent(lira.tprAtFpr().get("0.001").tpr(), 2), d.selectFirst("#attack-lira .tpr01").text());
    assertEquals("4.00%", d.selectFirst("#attack-lira .tpr01").text());
    assertEquals("7.10%", d.selectFirst("#attack-lira .tpr1").text());
    assertEquals("0.50%", d.selectFirst("#attack-loss .tpr01").text());
    assertTrue(d.selectFirst("#attack-lira").text().contains("95% [0.649, 0.689]"), "the AUC interval");
    assertEquals("200", d.getElementById("canary-count").text());
    // the accountant table shows both accountants with RDP's optimal order
    String acc = d.getElementById("accountants").text();
    assertTrue(acc.contains("RDP 2.00 1e-5 9.9"), acc);
    assertTrue(acc.contains("PLD 1.83"), acc);
  }

  @Test
  void ledger_isSummarised() {
    Document d = report(fullRun());
    String p = d.getElementById("privacy").text();
    assertTrue(p.contains("noise multiplier σ 3.06"), p);
    assertTrue(p.contains("sampling rate q 0.058"), p);
    assertTrue(p.contains("steps 540"), p);
    assertTrue(p.contains("sampler poisson"), p);
    assertTrue(p.contains("Gaussian (σ = 3.06) on a Poisson subsample (q = 0.058) 540"), p);
    assertTrue(p.contains("gaussian poisson-sampled"), "event types: " + p);
  }

  @Test
  void canaryAudit_showsCountsGuessesAndBound() {
    String c = report(fullRun()).getElementById("canaries").text();
    assertTrue(c.contains("100 of 100 guesses correct on 200 canaries (guess rule k+ = 50, k- = 50)"), c);
    assertTrue(c.contains("2.98"), "the one-run bound: " + c);
    assertTrue(c.contains("(10, 10) (20, 20) (50, 50) (100, 100) (10, 0) (20, 0) (50, 0)"), c);
  }

  @Test
  void whiteBoxAudit_showsTheThreatModel_theCurveTest_andEveryCheck() throws Exception {
    Path run = RunFixture.dpsgd("wb").whiteBoxAudit().writeTo(tmp.resolve("wb"));
    Document d = report(run);
    Element c = d.getElementById("canaries");
    assertTrue(c.selectFirst("h2").text().startsWith("White-box canary audit"), c.text());
    assertTrue(d.getElementById("threat-model").text().contains("sees every released noisy update"));
    assertTrue(d.getElementById("ledger-test").text().contains("stands against the canaries"));
    org.jsoup.select.Elements rows = d.select("#checks tr");
    assertTrue(rows.size() >= 8, "a header and one row per check: " + rows.size());
    assertTrue(rows.text().contains("null-variance") && rows.text().contains("replay:layer1.bias"), rows.text());
    assertTrue(d.select("#checks .tag.fail").isEmpty(), "a correct run fails no check");
    assertTrue(c.text().contains("5,000") || c.text().contains("5000"), c.text());
    // the audit.json the report reads is still what the audit module writes and reads back
    org.dpaudit.core.artifact.audit.AuditRecord back = org.dpaudit.core.io.Json.read(run.resolve("audit.json"),
        org.dpaudit.core.artifact.audit.AuditRecord.class);
    assertTrue(back.whiteBox() != null && !back.whiteBox().checks().isEmpty());
  }

  @Test
  void inversionImages_areEmbeddedAsDataUris() throws Exception {
    Path run = fullRun();
    Document d = report(run);
    InversionRecord inv = Json.read(run.resolve("attacks/inversion.json"), InversionRecord.class);
    var imgs = d.select("#inversion img");
    assertEquals(4, imgs.size(), "a reconstruction and a class mean per class");
    for (Element img : imgs) {
      assertTrue(img.attr("src").startsWith("data:image/png;base64,"), img.attr("src"));
    }
    byte[] first = Base64.getDecoder().decode(imgs.get(0).attr("src").substring("data:image/png;base64,".length()));
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(run.resolve(inv.classes().get(0).image().path())), first));
    assertTrue(d.getElementById("inversion").text().contains("SSIM 0.235 · MSE 0.0445"));
    assertEquals("0.184", d.getElementById("inversion-ssim").text());
    assertTrue(d.select("#inversion .warn").isEmpty(), "checksums match");
  }

  @Test
  void changedInversionImage_isFlagged() throws Exception {
    Path run = fullRun();
    Files.write(run.resolve("attacks/inversion/class-1.png"), new byte[] {1, 2, 3});
    Document d = report(run);
    assertEquals(1, d.select("#inversion .warn").size());
    assertTrue(d.selectFirst("#inversion .warn").text().contains("checksum differs"));
  }

  @Test
  void nothingIsFetched_fromTheNetwork() throws Exception {
    Path run = fullRun();
    report(run);
    String html = Files.readString(run.resolve("report.html"));
    Document d = Jsoup.parse(html);
    for (Element e : d.getAllElements()) {
      for (String attr : List.of("src", "href", "xlink:href", "data", "action", "poster")) {
        String v = e.attr(attr).trim().toLowerCase(java.util.Locale.ROOT);
        assertFalse(v.startsWith("http:") || v.startsWith("https:") || v.startsWith("//"), e.tagName() + " " + attr + "=" + v);
      }
    }
    assertTrue(d.select("script, link, iframe, object, embed").isEmpty(), "no scripts, no external resources");
    assertFalse(html.contains("url(http") || html.contains("@import"), "no fetched CSS");
    assertTrue(d.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content").startsWith("default-src 'none'"));
  }

  @Test
  void nonPrivateRun_showsInfinity_notAHugeNumber() throws Exception {
    Path run = RunFixture.nonPrivate("np").attack("loss", 0.669823, 0.001, 0.013)
        .audit("consistent", 2.8937475737215363, true, "No privacy is claimed or proven, and the model measurably leaks")
        .writeTo(tmp.resolve("np"));
    Document d = report(run);
    assertEquals("∞", d.selectFirst("#eps-claimed .number").text());
    assertEquals("∞", d.selectFirst("#eps-accountant .number").text());
    assertEquals("2.89", d.selectFirst("#eps-empirical .number").text());
    // Formally consistent (nothing is claimed, so nothing is contradicted), but it leaks: red.
    Element v = d.getElementById("verdict");
    assertEquals("Leaks training data", v.selectFirst(".verdict").text());
    assertTrue(v.hasClass("t-bad"), v.className());
    assertEquals("formal verdict: Consistent", v.selectFirst(".formal").text());
    assertTrue(v.selectFirst(".pill.leaks").text().startsWith("leaks"));
    String html = Files.readString(run.resolve("report.html"));
    assertFalse(html.contains("Infinity"), "infinite epsilons are shown as ∞");
    assertFalse(html.contains("E308"), "never as the largest double");
    assertTrue(d.selectFirst("#verdict svg").text().contains("∞"), "the epsilon axis has an ∞ tick");
  }

  @Test
  void runWithoutAttacksOrAudit_stillRenders() {
    Document d = report(RunFixture.dpsgd("bare").noCanaries().writeTo(tmp.resolve("bare")));
    assertEquals("Not audited yet", d.selectFirst("#verdict .verdict").text());
    assertEquals("—", d.selectFirst("#eps-empirical .number").text());
    assertTrue(d.getElementById("verdict").text().contains("dpaudit audit --run " + tmp.resolve("bare")));
    assertTrue(d.getElementById("attacks").text().contains("No attack has been run"));
    assertTrue(d.getElementById("audit").text().contains("Not audited yet"));
    assertTrue(d.select("#canaries, #inversion").isEmpty());
  }

  @Test
  void importedScores_renderWithoutMetricsOrAccountant() {
    Document d = report(RunFixture.dpsgd("imported").imported().attack("loss", 0.6, 0.01, 0.02)
        .writeTo(tmp.resolve("imported")));
    assertEquals("—", d.selectFirst("#eps-accountant .number").text());
    assertTrue(d.selectFirst("#eps-accountant .detail").text().contains("not computed"));
    assertTrue(d.select("#utility").isEmpty());
  }

  @Test
  void seededRun_carriesTheNotForReleaseBanner_secureDoesNot() {
    Document seeded = report(RunFixture.dpsgd("seeded").writeTo(tmp.resolve("seeded")));
    assertTrue(seeded.getElementById("seeded-banner").text().startsWith("Not for release: seeded randomness (seed 1)"));
    Document secure = report(RunFixture.dpsgd("secure").secure().writeTo(tmp.resolve("secure")));
    assertTrue(secure.select("#seeded-banner").isEmpty());
  }

  @Test
  void caveats_comeRightAfterTheVerdict() {
    Document d = report(RunFixture.dpsgd("cav").caveat("noise scale chosen from private data: not covered by the accountant")
        .writeTo(tmp.resolve("cav")));
    var sections = d.select("main > section");
    assertEquals("caveats", sections.get(1).id());
    assertTrue(sections.get(1).text().contains("noise scale chosen from private data"));
  }

  @Test
  void rocCharts_haveLogAxes_theChanceLine_andTheLowFprMarkers() {
    Document d = report(fullRun());
    String svg = d.selectFirst("#attack-loss svg").text();
    for (String s : List.of("0.1%", "1%", "10%", "100%", "chance (TPR = FPR)", "0.1% FPR", "1% FPR",
        "false-positive rate (log)", "true-positive rate (log)")) {
      assertTrue(svg.contains(s), s + " in " + svg);
    }
    assertTrue(d.selectFirst("#attack-lira svg").text().contains("lira-offline"), "LiRA's other variants are drawn too");
  }

  @Test
  void provenance_showsDataSeedsVersionsAndCommit() {
    String p = report(fullRun()).getElementById("provenance").text();
    for (String s : List.of("mnist", "train-images-idx3-ubyte", "ba891046e650", "seeded", "043643a5a908",
        "PyTorch 2.7.1 (DJL 0.35.1)", "cpu()", "17.0.15", "2026-11-23 13:09:05 UTC", "members 1,000", "5c6bf23114ed")) {
      assertTrue(p.contains(s), s + " in " + p);
    }
  }

  @Test
  void provenance_spellsTheRandomnessModeAlikeInEveryRow() {
    Document d = report(fullRun());
    String p = d.getElementById("provenance").text();
    assertFalse(p.contains("SEEDED"), "upper-case mode left in " + p);
    var cells = d.select("#provenance table tbody tr td:nth-child(6)");
    assertFalse(cells.isEmpty(), "the artifact table's randomness column");
    for (var c : cells) {
      assertTrue(c.text().equals("seeded") || c.text().equals("secure") || c.text().equals(Formats.NONE), c.text());
    }
  }
}
