package org.dpaudit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison of several runs: the table, the three charts, ROC overlays and the papers' table. */
class CompareReportTest {
  @TempDir Path tmp;

  private List<Path> threeRuns(Path parent) {
    return List.of(
        RunFixture.nonPrivate("np").attack("loss", 0.669823, 0.001, 0.013)
            .audit("consistent", 2.8937475737215363, true, "leaks").writeTo(parent.resolve("np")),
        RunFixture.dpsgd("dp-eps2").attack("loss", 0.518793, 0.005, 0.012)
            .audit("consistent", 0.0, false, "no leak").writeTo(parent.resolve("dp-eps2")),
        RunFixture.dpsgd("dp-eps8").claimed(8, 7.5).attack("loss", 0.55, 0.002, 0.02).attack("lira", 0.6, 0.02, 0.05)
            .writeTo(parent.resolve("dp-eps8")));
  }

  private Document compare(List<Path> runs, Path out) throws IOException {
    Path written = new ReportWriter().writeComparison(runs, out);
    return Jsoup.parse(Files.readString(written));
  }

  @Test
  void table_showsEveryRunsNumbers() throws IOException {
    Document d = compare(threeRuns(tmp), tmp.resolve("c.html"));
    var rows = d.select("#runs tbody tr");
    assertEquals(3, rows.size());
    assertEquals(List.of("np", "nonprivate", "69.2%", "∞", "∞", "≥ 2.89 (95%)"),
        cells(rows.get(0)).subList(0, 6));
    // The non-private model leaks: red, whatever the formal verdict (nothing was claimed to contradict).
    assertEquals("Leaks training data", cells(rows.get(0)).get(6));
    assertEquals("formal verdict: Consistent", rows.get(0).selectFirst(".verdict-cell .formal").text());
    assertTrue(rows.get(0).selectFirst(".verdict-cell").hasClass("t-bad"), "the leaking run is red");
    assertTrue(rows.get(1).selectFirst(".verdict-cell").hasClass("t-ok"), "the DP run inside its claim is green");
    assertTrue(rows.get(2).selectFirst(".verdict-cell").hasClass("t-none"));
    assertEquals(List.of("dp-eps2", "dpsgd", "69.2%", "2.00", "1.83", "≥ 0.00 (95%)", "Consistent with its claim",
        "loss", "0.519",
        "0.50%", "1.20%"), cells(rows.get(1)));
    assertEquals(List.of("dp-eps8", "dpsgd", "69.2%", "8.00", "7.50", "—", "Not audited yet", "lira", "0.600",
        "2.00%", "5.00%"), cells(rows.get(2)));
  }

  @Test
  void oneDpRun_getsAUtilityTable_notAOnePointChart() throws IOException {
    List<Path> two = threeRuns(tmp).subList(0, 2);
    Document d = compare(two, tmp.resolve("c2.html"));
    Element section = d.getElementById("privacy-utility");
    assertNotNull(section);
    assertTrue(section.select("svg").isEmpty(), "no chart of a single private point");
    var rows = section.select("#utility tbody tr");
    assertEquals(List.of("np", "nonprivate", "∞", "69.2%"), rows.get(0).select("td").eachText());
    assertEquals(List.of("dp-eps2", "dpsgd", "1.83", "69.2%"), rows.get(1).select("td").eachText());
  }

  @Test
  void charts_privacyUtility_epsilons_andOverlaidRocs() throws IOException {
    Document d = compare(threeRuns(tmp), tmp.resolve("c.html"));
    Element pu = d.selectFirst("#privacy-utility svg");
    assertNotNull(pu);
    assertTrue(pu.text().contains("dpsgd (accountant ε)"), pu.text());
    assertTrue(pu.text().contains("dpsgd (claimed ε)"), "claimed marked where it differs");
    assertTrue(pu.text().contains("np: no privacy (ε = ∞)"), "the non-private baseline");
    assertTrue(pu.text().contains("∞"), "an ∞ tick, not a huge number");
    Element eps = d.selectFirst("#epsilons svg");
    for (String s : List.of("np", "dp-eps2", "dp-eps8", "claimed", "accountant (upper bound)", "empirical (lower bound)")) {
      assertTrue(eps.text().contains(s), s + " in " + eps.text());
    }
    assertEquals(2, d.select("#rocs .roc-group").size(), "one overlay per attack: loss and lira");
    String loss = d.getElementById("roc-loss").text();
    assertTrue(loss.contains("np (nonprivate), AUC 0.670") && loss.contains("dp-eps2 (dpsgd), AUC 0.519")
        && loss.contains("dp-eps8 (dpsgd), AUC 0.550"), loss);
    assertTrue(d.getElementById("roc-lira").text().contains("dp-eps8 (dpsgd), AUC 0.600"));
  }

  @Test
  void experimentTable_isShownNextToOurRuns_whenPresent() throws IOException {
    Path preset = tmp.resolve("abadi2016");
    List<Path> runs = threeRuns(preset);
    Files.writeString(preset.resolve("table.json"), """
        {"preset": "abadi2016", "source": "Abadi et al. 2016, Table 1",
         "rows": [
           {"run": "dp-eps2", "epsilon": 2.0, "accuracy": {"paper": 0.95, "ours": 0.6919}},
           {"run": "np", "epsilon": "Infinity", "accuracy": {"paper": 0.98, "ours": 0.8595}}
         ]}
        """);
    Document d = compare(runs, tmp.resolve("c.html"));
    Element papers = d.getElementById("papers");
    assertNotNull(papers);
    assertTrue(papers.text().contains("Abadi et al. 2016, Table 1"));
    assertEquals(List.of("run", "epsilon", "accuracy.paper", "accuracy.ours"),
        papers.select("thead th").eachText());
    assertEquals(List.of("np", "∞", "0.98", "0.8595"), papers.select("tbody tr").get(1).select("td").eachText());
  }

  @Test
  void noExperimentTable_noPapersSection() throws IOException {
    assertNull(compare(threeRuns(tmp), tmp.resolve("c.html")).getElementById("papers"));
  }

  @Test
  void runReports_areLinkedRelatively_whenTheyExist() throws IOException {
    List<Path> runs = threeRuns(tmp.resolve("runs"));
    new ReportWriter().writeRunReport(runs.get(0), null);
    Document d = compare(runs, tmp.resolve("out/compare.html"));
    var links = d.select("#runs a");
    assertEquals(1, links.size());
    assertEquals("../runs/np/report.html", links.get(0).attr("href"));
  }

  @Test
  void defaultOutput_isCompareHtml_andFewerThanTwoRunsIsAnError() {
    assertEquals("compare.html", ReportWriter.COMPARE_HTML);
    List<Path> one = List.of(threeRuns(tmp).get(0));
    var e = assertThrows(InvalidInputException.class, () -> new ReportWriter().writeComparison(one, tmp.resolve("x.html")));
    assertTrue(e.getMessage().contains("at least two runs"));
    assertTrue(Files.notExists(tmp.resolve("x.html")));
  }

  private static List<String> cells(Element row) {
    List<String> out = new java.util.ArrayList<>();
    for (Element td : row.select("td")) {
      Element a = td.selectFirst("a");
      out.add(a != null ? a.text() : td.ownText().isEmpty() ? td.text() : td.ownText().strip());
    }
    return out;
  }
}
