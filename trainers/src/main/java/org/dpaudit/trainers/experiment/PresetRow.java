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
 * @param settings {@link CellSettings} fields this row replaces, by their JSON names (e.g. another
 *     dataset, for a paper that reports several); empty for none. They apply over the preset's
 *     settings; the quick version's sizes replace them where both set a field.
 */
public record PresetRow(String label, String scheme, Map<String, String> options, List<Double> published,
    Map<String, Object> settings,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    String id) {
  public PresetRow {
    Checks.notNull("label", label);
    Checks.notNull("scheme", scheme);
    options = options == null ? Map.of() : Map.copyOf(options);
    published = published == null ? null : Collections.unmodifiableList(new ArrayList<>(published));
    settings = settings == null ? Map.of() : Collections.unmodifiableMap(new java.util.TreeMap<>(settings));
    Checks.check(id == null || id.matches("[A-Za-z0-9][A-Za-z0-9.-]*"), "row id must be letters, digits, dots "
        + "and dashes; got " + id);
  }

  /** A row whose directory is derived from its scheme and settings. */
  public PresetRow(String label, String scheme, Map<String, String> options, List<Double> published,
      Map<String, Object> settings) {
    this(label, scheme, options, published, settings, null);
  }

  /** A row on the preset's own settings. */
  public PresetRow(String label, String scheme, Map<String, String> options, List<Double> published) {
    this(label, scheme, options, published, null);
  }

  /**
   * The row's directory under the preset's: the scheme, then the values of the settings it
   * replaces ({@code icgc-dp-fashion-mnist}), so two rows of one scheme never share a directory.
   */
  public String directory() {
    if (id != null) {
      return id;
    }
    StringBuilder b = new StringBuilder(scheme);
    settings.values().forEach(v -> b.append('-').append(String.valueOf(v).replaceAll("[^A-Za-z0-9.]+", "-")));
    return b.toString();
  }

  /** The published accuracy at the i-th epsilon, or null. */
  public Double publishedAt(int i) {
    return published == null ? null : published.get(i);
  }
}
