package org.dpaudit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report that cannot be made leaves nothing half-written, and an older report untouched. */
class AtomicWriteTest {
  @TempDir Path tmp;

  @Test
  void corruptArtifact_leavesTheOldReportAndNoTemporaryFile() throws IOException {
    Path run = RunFixture.dpsgd("r").attack("loss", 0.6, 0.01, 0.02).writeTo(tmp.resolve("r"));
    Files.writeString(run.resolve("report.html"), "old report");
    Files.writeString(run.resolve("attacks/loss.json"), "{ \"kind\": \"attack\", truncated");
    var e = assertThrows(ArtifactException.class, () -> new ReportWriter().writeRunReport(run, null));
    assertTrue(e.getMessage().contains("loss.json"), e.getMessage());
    assertEquals("old report", Files.readString(run.resolve("report.html")));
    assertEquals(List.of(), hiddenFiles(run), "no temporary file left behind");
  }

  @Test
  void missingRun_isAnArtifactError_andWritesNothing() {
    Path out = tmp.resolve("out.html");
    var e = assertThrows(ArtifactException.class, () -> new ReportWriter().writeRunReport(tmp.resolve("nope"), out));
    assertTrue(e.getMessage().contains("no such run directory"), e.getMessage());
    assertTrue(Files.notExists(out));
    assertThrows(ArtifactException.class,
        () -> new ReportWriter().writeComparison(List.of(tmp.resolve("nope"), tmp.resolve("nope2")), out));
    assertTrue(Files.notExists(out));
  }

  @Test
  void report_replacesAnOlderOne_whole() throws IOException {
    Path run = RunFixture.dpsgd("r").writeTo(tmp.resolve("r"));
    Files.writeString(run.resolve("report.html"), "old report");
    Path out = new ReportWriter().writeRunReport(run, null);
    String html = Files.readString(out);
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.strip().endsWith("</html>"));
    assertEquals(List.of(), hiddenFiles(run));
  }

  private static List<String> hiddenFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      // the run's lock file (.dpaudit.lock) is meant to stay; temporary files are not
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") && !n.equals(RunLayout.LOCK)).toList();
    }
  }
}
