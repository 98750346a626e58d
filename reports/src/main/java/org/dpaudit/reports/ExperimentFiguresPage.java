package org.dpaudit.reports;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.reports.experiment.ExperimentFigure;
import org.dpaudit.reports.experiment.ExperimentFigures;
import org.dpaudit.reports.experiment.RunIntegrity;
import org.dpaudit.trainers.experiment.ExperimentTable;

/**
 * Writes an experiment's figures page ({@code figures.html}, next to its {@code table.json}): the
 * papers' figures drawn from the table and its runs ({@link ExperimentFigures}), each figure the
 * preset has no data for listed with the reason. One self-contained file, like every report.
 */
public final class ExperimentFiguresPage {
  /** The page's file name, in the experiment's directory. */
  public static final String FIGURES_HTML = "figures.html";

  /**
   * What the template shows.
   *
   * @param tableMd the table's file name (a link)
   * @param report the comparison report's file name (a link), or null when there is none
   * @param untrusted which run files differ from table.json's record ({@link RunIntegrity#summary}),
   *     or null when none does
   */
  public record Page(String preset, String title, String generated, String tableMd, String report,
      List<ExperimentFigure> figures, String untrusted) {}

  /**
   * The page written, and which run files it found changed or missing since table.json recorded
   * them (null when none: the page's figures are those of the recorded runs).
   */
  public record Written(Path file, String untrusted) {}

  private ExperimentFiguresPage() {}

  /**
   * Writes the figures of {@code table} (its runs under {@code dir}) to {@code dir/figures.html}.
   *
   * @param tableMd the table's file name in {@code dir}
   * @param report the comparison report's file name in {@code dir}, or null
   * @return the file written, with what the re-check of table.json's recorded run files found
   */
  public static Written write(ExperimentTable table, Path dir, String tableMd, String report) {
    Path target = dir.resolve(FIGURES_HTML);
    RunIntegrity integrity = RunIntegrity.check(table, dir);
    AtomicFiles.writeString(target, render(table, dir, tableMd, report, integrity));
    return new Written(target, integrity.summary());
  }

  /** The page's HTML, the runs' files re-checked against table.json's record. */
  public static String render(ExperimentTable table, Path dir, String tableMd, String report) {
    return render(table, dir, tableMd, report, RunIntegrity.check(table, dir));
  }

  private static String render(ExperimentTable table, Path dir, String tableMd, String report,
      RunIntegrity integrity) {
    Page page = new Page(table.preset(), table.title(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        tableMd, report, ExperimentFigures.of(table, dir, integrity), integrity.summary());
    return Templates.render("figures", Map.of("page", page));
  }
}
