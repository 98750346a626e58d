package org.dpaudit.reports;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.provenance.BuildInfo;
import org.dpaudit.reports.view.ComparePages;
import org.dpaudit.reports.view.RunPages;

/**
 * Writes dpaudit's reports: one self-contained HTML file per run, and a comparison across runs.
 *
 * <p>Self-contained means the file opens from disk with no network and nothing beside it: CSS is
 * inline, charts are inline SVG (JFreeChart through JFreeSVG), images are data URIs. The HTML is
 * rendered in memory first and then written atomically, so a failure leaves no half-written report
 * (and an older report, if any, untouched).
 *
 * <pre>
 * new ReportWriter().writeRunReport(Path.of("runs/np"), null);            // runs/np/report.html
 * new ReportWriter().writeComparison(List.of(a, b), Path.of("compare.html"));
 * </pre>
 */
public final class ReportWriter {
  /** The default file of a comparison (in the current directory). */
  public static final String COMPARE_HTML = "compare.html";

  /**
   * Writes the report of {@code runDir} to {@code out} ({@code runDir/report.html} when null).
   *
   * @return the file written
   */
  public Path writeRunReport(Path runDir, Path out) {
    Objects.requireNonNull(runDir, "runDir");
    Path target = out != null ? out : runDir.resolve(RunLayout.REPORT_HTML);
    return RunDirectory.locked(runDir, () -> {
      AtomicFiles.writeString(target, renderRunReport(runDir));
      return target;
    });
  }

  /**
   * Writes the comparison of {@code runDirs} (at least two) to {@code out} ({@value #COMPARE_HTML}
   * when null).
   *
   * @return the file written
   */
  public Path writeComparison(List<Path> runDirs, Path out) {
    Path target = out != null ? out : Path.of(COMPARE_HTML);
    AtomicFiles.writeString(target, renderComparison(runDirs, target));
    return target;
  }

  /** The HTML of {@code runDir}'s report. */
  public String renderRunReport(Path runDir) {
    RunArtifacts a = RunArtifacts.load(runDir);
    return Templates.render("run", Map.of("page", RunPages.of(a, runDir.toString(), generated())));
  }

  /** The HTML of the comparison of {@code runDirs}, to be written at {@code target} (for links). */
  public String renderComparison(List<Path> runDirs, Path target) {
    if (runDirs == null || runDirs.size() < 2) {
      throw new InvalidInputException("a comparison needs at least two runs; got "
          + (runDirs == null ? 0 : runDirs.size()));
    }
    java.util.Set<Path> seen = new java.util.HashSet<>();
    for (Path d : runDirs) {
      if (!seen.add(d.toAbsolutePath().normalize())) {
        throw new InvalidInputException("run " + d + " is given twice; a comparison needs different runs");
      }
    }
    List<RunArtifacts> runs = runDirs.stream().map(RunArtifacts::load).toList();
    return Templates.render("compare", Map.of("page", ComparePages.of(runs, runDirs, target, generated())));
  }

  private static String generated() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS) + " by dpaudit " + BuildInfo.version()
        + " (commit " + shortCommit(BuildInfo.gitCommit()) + ")";
  }

  private static String shortCommit(String c) {
    return c.length() > 12 ? c.substring(0, 12) : c;
  }
}
