package org.dpaudit.trainers.experiment;

import java.util.List;
import java.util.Map;

/**
 * One scheme's cells, with the caveats its runs recorded (what no accountant covers).
 *
 * @param claimBasis where the claimed epsilon comes from (of the row's first cell)
 * @param settings the preset settings this row replaced (empty for none)
 */
public record TableRow(
    String label, String scheme, Map<String, String> options, String claimBasis, List<String> caveats,
    List<TableCell> cells, Map<String, Object> settings) {
  public TableRow {
    options = Map.copyOf(options);
    caveats = List.copyOf(caveats);
    cells = List.copyOf(cells);
    settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(settings));
  }

  /** A row on the preset's own settings. */
  public TableRow(String label, String scheme, Map<String, String> options, String claimBasis, List<String> caveats,
      List<TableCell> cells) {
    this(label, scheme, options, claimBasis, caveats, cells, null);
  }
}
