package org.dpaudit.trainers.experiment;

import java.util.List;
import java.util.Map;

/**
 * How {@code --quick} shrinks a preset to a smoke test: settings to override and the epsilons to
 * keep (every row stays, so every scheme is exercised end to end).
 *
 * @param settings {@link CellSettings} fields to replace, by their JSON names
 */
public record QuickVariant(Map<String, Object> settings, List<Double> epsilons) {
  public QuickVariant {
    settings = Map.copyOf(settings);
    epsilons = List.copyOf(epsilons);
  }
}
