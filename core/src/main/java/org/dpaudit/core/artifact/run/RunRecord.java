package org.dpaudit.core.artifact.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.dpaudit.core.provenance.Artifact;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.Provenance;

/**
 * The root of {@code run.json}: everything later steps (attacks, audits, reports, the gate) need
 * to know about a trained model, and how it was made.
 *
 * @param name the run's name (its directory name)
 * @param origin {@code trained} for dpaudit's own runs, {@code imported} for models trained elsewhere
 * @param dataset the dataset card, with the membership split
 * @param canaries the canaries inserted for a one-run audit, or null
 * @param metrics utility and timings; null when unknown (an imported scores file)
 * @param budgetRatios for relevance-based schemes (EnADPP, ADPPL): the file of the per-neuron budget
 *     ratios the run used ({@code budget-ratios.json}) with its SHA-256, for seed 000's Figure 1; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(
    int schemaVersion,
    String kind,
    String name,
    String origin,
    Provenance provenance,
    DatasetCard dataset,
    ModelRecord model,
    PrivacyRecord privacy,
    MetricsRecord metrics,
    CanaryRecord canaries,
    ArtifactRef budgetRatios) implements Artifact {
  /**
   * The current layout version of run.json: 2 writes enums as on the command line, 3 may record
   * {@code budgetRatios} ({@code ArtifactSchema}).
   */
  public static final int SCHEMA_VERSION = 3;
  /** The artifact kind. */
  public static final String KIND = "run";

  public RunRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(dataset, "dataset");
  }

  /** A run without a budget-ratio file. */
  public RunRecord(int schemaVersion, String kind, String name, String origin, Provenance provenance,
      DatasetCard dataset, ModelRecord model, PrivacyRecord privacy, MetricsRecord metrics, CanaryRecord canaries) {
    this(schemaVersion, kind, name, origin, provenance, dataset, model, privacy, metrics, canaries, null);
  }
}
