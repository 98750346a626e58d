package org.dpaudit.trainers.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.Checks;

/**
 * One row of a grid: a scheme with its options, and the accuracies its paper published at each of
 * the preset's epsilons.
 *
 * @param label the row's name in the table (the paper's name for the scheme)
 * @param published test accuracy (fraction) per epsilon, aligned with the preset's epsilons; null
 *     entries (or a null list) where the paper has no number
 */
public record PresetRow(String label, String scheme, Map<String, String> options, List<Double> published) {
  public PresetRow {
    Checks.notNull("label", label);
    Checks.notNull("scheme", scheme);
    options = options == null ? Map.of() : Map.copyOf(options);
    published = published == null ? null : Collections.unmodifiableList(new ArrayList<>(published));
  }

  /** The published accuracy at the i-th epsilon, or null. */
  public Double publishedAt(int i) {
    return published == null ? null : published.get(i);
  }
}
