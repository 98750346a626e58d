package org.dpaudit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile strings in every user-provided field (run names, schemes, labels, class names, paths,
 * caveats, the audit's reason) cannot inject markup: parsed as a browser would, the report has no
 * script, no event-handler attribute and no injected element, and each string appears as text.
 */
class EscapingTest {
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String ATTR = "\"><img src=x onerror=alert(1)>";
  static final String QUOTE = "' onmouseover='alert(1)";

  @TempDir Path tmp;

  private Path hostileRun(String dirName, String runName) {
    return RunFixture.dpsgd(runName)
        .scheme(SCRIPT)
        .caveat(ATTR)
        .caveat(QUOTE)
        .datasetSource(SCRIPT + ATTR)
        .attack("loss", 0.6, 0.01, 0.02, Map.of(ATTR, SCRIPT), null)
        .attack(ATTR, 0.55, 0.01, 0.02)
        .inversion(SCRIPT, ATTR)
        .audit("consistent", 0.1, false, SCRIPT + " " + ATTR)
        .writeTo(tmp.resolve(dirName));
  }

  @Test
  void runReport_cannotBeInjected() throws Exception {
    Path run = hostileRun(ATTR, SCRIPT + ATTR);
    Path out = new ReportWriter().writeRunReport(run, null);
    String html = Files.readString(out);
    assertNoInjection(html);
    Document d = Jsoup.parse(html);
    assertEquals(SCRIPT + ATTR, d.selectFirst("h1").ownText(), "the run name is shown as text");
    assertTrue(d.title().contains(SCRIPT + ATTR));
    assertTrue(d.getElementById("caveats").text().contains(ATTR));
    assertTrue(d.getElementById("caveats").text().contains(QUOTE));
    assertTrue(d.getElementById("inversion").text().contains(SCRIPT));
    assertTrue(d.getElementById("verdict").text().contains(SCRIPT + " " + ATTR), "the audit's reason");
    assertTrue(d.selectFirst(".meta").text().contains(ATTR), "the run directory's path");
    assertTrue(d.getElementById("attack-" + ATTR) != null, "an attack named " + ATTR + " keeps its id, as text");
    // chart labels: the epsilon chart's row label is the run name, drawn by JFreeSVG as escaped text
    Element svg = d.selectFirst("#verdict svg");
    assertTrue(svg.text().contains(SCRIPT + ATTR), svg.text());
  }

  @Test
  void comparison_cannotBeInjected_andLinksStayRelative() throws Exception {
    Path a = hostileRun("javascript:alert(1)", SCRIPT);
    Path b = hostileRun(ATTR, ATTR);
    new ReportWriter().writeRunReport(a, null);
    Path out = new ReportWriter().writeComparison(List.of(a, b), tmp.resolve("compare.html"));
    String html = Files.readString(out);
    assertNoInjection(html);
    Document d = Jsoup.parse(html);
    List<String> names = new ArrayList<>();
    for (Element row : d.select("#runs tbody tr")) {
      Element cell = row.selectFirst("td");
      names.add(cell.selectFirst("a") != null ? cell.selectFirst("a").text() : cell.ownText());
    }
    assertEquals(List.of(SCRIPT, ATTR), names);
    String href = d.selectFirst("#runs a").attr("href");
    assertTrue(href.startsWith("./javascript:alert(1)/report.html"), "a relative path, not a javascript: URL: " + href);
    for (Element svg : d.select("svg")) {
      assertTrue(svg.select("script, foreignObject").isEmpty());
    }
    assertTrue(d.getElementById("epsilons").selectFirst("svg").text().contains(SCRIPT), "run names in SVG as text");
    assertTrue(d.getElementById("rocs").text().contains(ATTR), "legend entries as text");
  }

  /** No script, no on* attribute, no injected img, and neither raw string in the HTML. */
  static void assertNoInjection(String html) {
    assertFalse(html.contains(SCRIPT), "raw " + SCRIPT);
    assertFalse(html.contains(ATTR), "raw " + ATTR);
    assertFalse(html.contains(QUOTE), "raw " + QUOTE);
    Document d = Jsoup.parse(html);
    assertTrue(d.select("script").isEmpty(), "script elements");
    for (Element e : d.getAllElements()) {
      for (Attribute at : e.attributes()) {
        assertFalse(at.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("on"), e.tagName() + " has " + at);
      }
    }
    assertTrue(d.select("img[src=x]").isEmpty(), "injected img");
    for (Element img : d.select("img")) {
      assertTrue(img.attr("src").startsWith("data:image/png;base64,"), img.attr("src"));
    }
  }
}
