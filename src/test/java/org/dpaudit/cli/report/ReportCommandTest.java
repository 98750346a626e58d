package org.dpaudit.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.reports.RunFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpaudit report} and {@code dpaudit compare}: exit codes, one-line errors, files written. */
class ReportCommandTest {
  @TempDir Path tmp;

  @Test
  void report_writesReportHtmlInTheRun() {
    Path run = RunFixture.dpsgd("r").attack("loss", 0.6, 0.01, 0.02).writeTo(tmp.resolve("r"));
    CliRunner.Result r = CliRunner.run("report", "--run", run.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(run.resolve("report.html")));
    assertTrue(r.out().contains("written to " + run.resolve("report.html")), r.out());
  }

  @Test
  void report_withOut_writesThere() {
    Path run = RunFixture.dpsgd("r").writeTo(tmp.resolve("r"));
    Path out = tmp.resolve("sub/dir");
    assertEquals(ExitCodes.OK, CliRunner.run("report", "--run", run.toString(), "--out", out.toString()).exitCode());
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
    assertTrue(Files.notExists(run.resolve("report.html")));
  }

  @Test
  void missingRun_isExit2WithOneLine() {
    CliRunner.Result r = CliRunner.run("report", "--run", tmp.resolve("nope").toString());
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("error: ") && r.err().contains("no such run directory"), r.err());
  }

  @Test
  void directoryWithoutRunJson_isExit2() {
    CliRunner.Result r = CliRunner.run("report", "--run", tmp.toString());
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().contains("is not a dpaudit run"), r.err());
  }

  @Test
  void compare_writesTheComparison() {
    Path a = RunFixture.nonPrivate("np").writeTo(tmp.resolve("np"));
    Path b = RunFixture.dpsgd("dp").writeTo(tmp.resolve("dp"));
    Path out = tmp.resolve("cmp");
    CliRunner.Result r = CliRunner.run("compare", a.toString(), b.toString(), "--out", out.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(out.resolve("compare.html")));
    assertTrue(r.out().contains("comparison of 2 runs written to " + out.resolve("compare.html")), r.out());
    Path viaRun = tmp.resolve("cmp2");
    CliRunner.Result byRun = CliRunner.run("compare", "--run", a.toString(), "--run", b.toString(), "--out",
        viaRun.toString());
    assertEquals(ExitCodes.OK, byRun.exitCode(), byRun.err());
    assertTrue(Files.isRegularFile(viaRun.resolve("compare.html")));
    CliRunner.Result mixed = CliRunner.run("compare", a.toString(), "--run", b.toString(), "--out", viaRun.toString());
    assertEquals(ExitCodes.OK, mixed.exitCode(), mixed.err());
    assertTrue(mixed.out().contains("comparison of 2 runs"), mixed.out());
  }

  @Test
  void compare_needsTwoRuns_andExistingOnes() {
    Path a = RunFixture.dpsgd("dp").writeTo(tmp.resolve("dp"));
    CliRunner.Result one = CliRunner.run("compare", a.toString(), "--out", tmp.resolve("c").toString());
    assertEquals(ExitCodes.ERROR, one.exitCode());
    assertEquals(1, one.errLines().length, one.err());
    CliRunner.Result missing = CliRunner.run("compare", a.toString(), tmp.resolve("nope").toString(),
        "--out", tmp.resolve("c").toString());
    assertEquals(ExitCodes.ERROR, missing.exitCode());
    assertEquals(1, missing.errLines().length, missing.err());
    assertTrue(missing.err().contains("no such run directory"), missing.err());
    assertTrue(Files.notExists(tmp.resolve("c/compare.html")), "nothing written on error");
  }

  @Test
  void out_isADirectory_anHtmlPathOrAFileIsOneLine() throws java.io.IOException {
    Path run = RunFixture.dpsgd("r").writeTo(tmp.resolve("r"));
    CliRunner.Result html = CliRunner.run("report", "--run", run.toString(), "--out", tmp.resolve("dp.html").toString());
    assertEquals(ExitCodes.ERROR, html.exitCode());
    assertEquals(1, html.errLines().length, html.err());
    assertTrue(html.err().contains("--out is a directory") && html.err().contains("--out " + tmp.resolve("dp")),
        html.err());
    assertTrue(Files.notExists(tmp.resolve("dp.html")), "no directory named like a file is made");
    Path file = Files.writeString(tmp.resolve("notes"), "x");
    Path np = RunFixture.nonPrivate("np").writeTo(tmp.resolve("np"));
    CliRunner.Result onFile = CliRunner.run("compare", np.toString(), run.toString(), "--out", file.toString());
    assertEquals(ExitCodes.ERROR, onFile.exitCode());
    assertEquals(1, onFile.errLines().length, onFile.err());
    assertTrue(onFile.err().contains("is a file: give a directory"), onFile.err());
    assertEquals("x", Files.readString(file), "the file is left alone");
  }
}
