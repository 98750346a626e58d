package org.dpaudit.reports.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.reports.charts.SeriesChart.Point;
import org.dpaudit.trainers.schemes.enadpp.BudgetRatioTrace;

/**
 * Reads a run's recorded budget ratios for seed 000's Figure 1, only when the run is as table.json
 * recorded it and the ratio file is the one its run.json hashed: a figure drawn from the runs must
 * not draw numbers nobody vouches for.
 */
final class RecordedRatios {
  private RecordedRatios() {}

  /** The trace of the run in {@code dir/run}, or null when it has none or it cannot be trusted. */
  static BudgetRatioTrace read(Path dir, String run, RunIntegrity integrity) {
    Path runJson = dir.resolve(run).resolve(RunLayout.RUN_JSON);
    if (!integrity.trusts(run) || !Files.isRegularFile(runJson)) {
      return null;
    }
    RunRecord record = ArtifactSchema.RUN.read(runJson);
    if (record.budgetRatios() == null) {
      return null;
    }
    Path file = dir.resolve(run).resolve(record.budgetRatios().path());
    if (!Files.isRegularFile(file) || !Sha256.of(file).equals(record.budgetRatios().sha256())) {
      return null;
    }
    BudgetRatioTrace t = Json.read(file, BudgetRatioTrace.class);
    return t.snapshots().isEmpty() ? null : t;
  }

  /** The snapshot's ratios, neurons ordered by rising relevance (x = 1, 2, ...). */
  static List<Point> byRelevance(BudgetRatioTrace.Snapshot s) {
    List<Integer> order = IntStream.range(0, s.ratios().size()).boxed()
        .sorted(Comparator.comparingDouble(q -> Double.isNaN(s.relevance().get(q)) ? 0 : s.relevance().get(q)))
        .toList();
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      out.add(new Point(i + 1, s.ratios().get(order.get(i)), 0));
    }
    return out;
  }
}
