package org.dpaudit.reports.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.reports.charts.SeriesChart;
import org.dpaudit.reports.charts.SeriesChart.Axes;
import org.dpaudit.reports.charts.SeriesChart.Point;
import org.dpaudit.reports.charts.SeriesChart.Series;
import org.dpaudit.trainers.experiment.ExperimentTable;
import org.dpaudit.trainers.experiment.TableRow;

/**
 * Seed 003's Figure 7: the speed-up of the collaborative optimizer against the batch size, one
 * line per number of workers K, as the median step time of K = 1 over that of K at the same batch
 * size (each row's first-seed run.json, trusted as table.json recorded it). Rows are those with a
 * {@code workers} option (the collaborative schemes); the seed003-fig7 preset has K = 1, 2, 4 at
 * four batch sizes.
 */
final class SpeedUpFigure {
  static final String TITLE = "Speed-up against batch size, K workers against one (seed 003, Fig. 7)";

  private SpeedUpFigure() {}

  static ExperimentFigure of(ExperimentTable table, Path dir, RunIntegrity integrity) {
    Map<Integer, Map<Integer, Double>> millis = new TreeMap<>(); // K -> batch -> median step ms
    String machine = "CPU";
    List<String> skipped = new ArrayList<>();
    for (TableRow row : table.rows()) {
      String workers = row.options().get("workers");
      if (workers == null || row.cells().isEmpty()) {
        continue;
      }
      String run = row.cells().get(0).run();
      Path runJson = dir.resolve(run).resolve(RunLayout.RUN_JSON);
      if (!integrity.trusts(run) || !Files.isRegularFile(runJson)) {
        skipped.add(run);
        continue;
      }
      RunRecord r = ArtifactSchema.RUN.read(runJson);
      var env = r.provenance().environment();
      machine = env.device().replace("()", "") + " with " + env.availableProcessors() + " processors";
      int batch = Integer.parseInt(String.valueOf(row.settings().getOrDefault("batchSize",
          table.settings().batchSize())));
      millis.computeIfAbsent(Integer.parseInt(workers), k -> new TreeMap<>()).put(batch, r.metrics().medianStepMillis());
    }
    Map<Integer, Double> one = millis.get(1);
    if (one == null || millis.size() < 2) {
      return ExperimentFigure.missing(TITLE, "Not in this preset: it needs rows of one collaborative scheme with K = 1 "
          + "and more workers at the same batch sizes (the seed003-fig7 preset times K = 1, 2, 4 at four batch "
          + "sizes)" + (skipped.isEmpty() ? "." : "; runs not as table.json recorded them: " + String.join(", ",
              skipped) + "."));
    }
    List<Series> series = new ArrayList<>();
    List<String> times = new ArrayList<>();
    for (var k : millis.entrySet()) {
      List<Point> ps = new ArrayList<>();
      for (var b : k.getValue().entrySet()) {
        Double base = one.get(b.getKey());
        if (base != null && b.getValue() > 0) {
          ps.add(new Point(b.getKey(), base / b.getValue(), 0));
        }
        times.add(String.format(Locale.ROOT, "K=%d b=%d %.1f ms", k.getKey(), b.getKey(), b.getValue()));
      }
      series.add(new Series("K = " + k.getKey(), ps));
    }
    String caption = "Speed-up = the median step time with one worker divided by that with K, at the same batch size "
        + "(first seed's run of each cell; median step times: " + String.join(", ", times) + "). Bounded here: "
        + "dpaudit runs a step's K workers one after another on one device (these runs: " + machine + "), whose "
        + "engine already uses every core inside each operation, so more workers cannot run much faster than one; the "
        + "paper's up to 23.5% compares GPUs beside a CPU "
        + "with a CPU alone, which this figure does not test. Cells ran one after another, so other load on the "
        + "machine moves single points."
        + (skipped.isEmpty() ? "" : " Not drawn (not as table.json recorded them): " + String.join(", ", skipped)
            + ".");
    return ExperimentFigure.drawn(TITLE, caption, SeriesChart.render("speed-up", TITLE,
        new Axes("expected batch size", true, "speed-up over K = 1 (x)", false), series));
  }
}
