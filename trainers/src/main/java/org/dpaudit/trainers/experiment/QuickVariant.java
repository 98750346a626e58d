package org.dpaudit.trainers.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * How {@code --quick} shrinks a preset to a smoke test: settings to override and the columns to
 * keep (every row stays, so every scheme is exercised end to end).
 *
 * @param settings {@link CellSettings} fields to replace, by their JSON names
 * @param epsilons the columns to keep, by epsilon
 * @param noiseMultipliers the columns to keep, by sigma (for columns that share one epsilon), or
 *     null; the epsilons are then ignored
 */
public record QuickVariant(Map<String, Object> settings, List<Double> epsilons,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> noiseMultipliers) {
  public QuickVariant {
    settings = Map.copyOf(settings);
    epsilons = epsilons == null ? List.of() : List.copyOf(epsilons);
    noiseMultipliers = noiseMultipliers == null ? null : List.copyOf(noiseMultipliers);
  }

  /** A quick version that keeps columns by epsilon. */
  public QuickVariant(Map<String, Object> settings, List<Double> epsilons) {
    this(settings, epsilons, null);
  }
}
