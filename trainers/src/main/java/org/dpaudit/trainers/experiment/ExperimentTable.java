package org.dpaudit.trainers.experiment;

import java.util.List;
import java.util.Objects;
import org.dpaudit.core.provenance.Artifact;
import org.dpaudit.core.provenance.Provenance;

/**
 * The result of an experiment ({@code table.json}): per scheme and epsilon, our test accuracy, the
 * claimed and the proven epsilon, and the paper's published accuracy beside ours.
 *
 * @param preset the preset's name ({@code -quick} appended for the smoke-test version)
 * @param settings the recipe every cell was trained with
 * @param wallSeconds the wall time of the invocation that wrote the table (a cell reused from an
 *     earlier invocation costs almost nothing here; each cell's own training time is in its cell)
 * @param noiseMultipliers the columns' fixed noise multipliers, or null when the epsilons were the
 *     calibration targets
 */
public record ExperimentTable(
    int schemaVersion,
    String kind,
    Provenance provenance,
    String preset,
    String title,
    String source,
    List<String> notes,
    CellSettings settings,
    List<Double> epsilons,
    List<TableRow> rows,
    double wallSeconds,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    List<Double> noiseMultipliers) implements Artifact {
  /** The current layout version of table.json. */
  public static final int SCHEMA_VERSION = 1;

  public ExperimentTable {
    Objects.requireNonNull(provenance, "provenance");
    notes = List.copyOf(notes);
    epsilons = List.copyOf(epsilons);
    rows = List.copyOf(rows);
    noiseMultipliers = noiseMultipliers == null ? null : List.copyOf(noiseMultipliers);
  }

  /** A table whose columns were calibration targets. */
  public ExperimentTable(int schemaVersion, String kind, Provenance provenance, String preset, String title,
      String source, List<String> notes, CellSettings settings, List<Double> epsilons, List<TableRow> rows,
      double wallSeconds) {
    this(schemaVersion, kind, provenance, preset, title, source, notes, settings, epsilons, rows, wallSeconds, null);
  }
}
