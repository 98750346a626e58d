package org.dpaudit.reports;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.reports.experiment.ExperimentFigure;
import org.dpaudit.reports.experiment.ExperimentFigures;
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
   */
  public record Page(String preset, String title, String generated, String tableMd, String report,
      List<ExperimentFigure> figures) {}

  private ExperimentFiguresPage() {}

  /**
   * Writes the figures of {@code table} (its runs under {@code dir}) to {@code dir/figures.html}.
   *
   * @param tableMd the table's file name in {@code dir}
   * @param report the comparison report's file name in {@code dir}, or null
   * @return the file written
   */
  public static Path write(ExperimentTable table, Path dir, String tableMd, String report) {
    Path target = dir.resolve(FIGURES_HTML);
    AtomicFiles.writeString(target, render(table, dir, tableMd, report));
    return target;
  }

  /** The page's HTML. */
  public static String render(ExperimentTable table, Path dir, String tableMd, String report) {
    Page page = new Page(table.preset(), table.title(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        tableMd, report, ExperimentFigures.of(table, dir));
    return Templates.render("figures", Map.of("page", page));
  }
}
