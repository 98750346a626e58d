package org.dpaudit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/browser-check.sh} on a real rendered report (passes) and on a blank page and a
 * foreign page (fail, one line). Skipped where Chromium is not installed; CI installs it.
 */
class BrowserCheckScriptTest {
  @TempDir Path tmp;

  private static Path script() {
    Path p = Path.of("").toAbsolutePath();
    Path root = Files.exists(p.resolve("scripts/browser-check.sh")) ? p : p.getParent();
    return root.resolve("scripts/browser-check.sh");
  }

  private static boolean chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String b : List.of("chromium", "chromium-browser", "google-chrome")) {
        if (Files.isExecutable(Path.of(dir, b))) {
          return true;
        }
      }
    }
    return false;
  }

  private record Outcome(int code, String out) {}

  private Outcome check(Path html, Path png, String... options) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", script().toString()));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of(html.toString(), png.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return new Outcome(p.waitFor(), out);
  }

  @Test
  void realReport_passes_blankAndForeignPages_fail() throws Exception {
    assumeTrue(chromium(), "chromium is not installed");
    Path run = RunFixture.nonPrivate("np").attack("loss", 0.67, 0.001, 0.013).inversion("zero", "one")
        .audit("consistent", 2.89, true, "leaks").writeTo(tmp.resolve("np"));
    Path report = new ReportWriter().writeRunReport(run, null);
    Outcome ok = check(report, tmp.resolve("shot.png"));
    assertEquals(0, ok.code(), ok.out());
    assertTrue(ok.out().startsWith("browser-check: ok:"), ok.out());
    assertTrue(Files.size(tmp.resolve("shot.png")) > 10_000);
    assertEquals(2400, javax.imageio.ImageIO.read(tmp.resolve("shot.png").toFile()).getHeight());

    // --full-page: the whole report (taller than the first screen), cut below its last content
    Outcome full = check(report, tmp.resolve("full.png"), "--full-page");
    assertEquals(0, full.code(), full.out());
    int h = javax.imageio.ImageIO.read(tmp.resolve("full.png").toFile()).getHeight();
    assertTrue(h > 2400 && h < 16000, "full-page height " + h);

    Path blank = tmp.resolve("blank.html");
    Files.writeString(blank, "<!DOCTYPE html><html><head><meta name=\"generator\" content=\"dpaudit\"></head>"
        + "<body><svg></svg></body></html>");
    Outcome b = check(blank, tmp.resolve("blank.png"));
    assertEquals(1, b.code(), b.out());
    assertEquals(1, b.out().lines().count(), b.out());
    assertTrue(b.out().contains("blank"), b.out());

    Path foreign = tmp.resolve("foreign.html");
    Files.writeString(foreign, "<!DOCTYPE html><html><body><h1>not a report</h1></body></html>");
    Outcome f = check(foreign, tmp.resolve("foreign.png"));
    assertEquals(1, f.code(), f.out());
    assertTrue(f.out().contains("did not render as a dpaudit report"), f.out());
  }
}
