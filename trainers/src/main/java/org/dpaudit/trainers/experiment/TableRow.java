package org.dpaudit.trainers.experiment;

import java.util.List;
import java.util.Map;

/**
 * One scheme's cells, with the caveats its runs recorded (what no accountant covers).
 *
 * @param claimBasis where the claimed epsilon comes from (of the row's first cell)
 */
public record TableRow(
    String label, String scheme, Map<String, String> options, String claimBasis, List<String> caveats,
    List<TableCell> cells) {
  public TableRow {
    options = Map.copyOf(options);
    caveats = List.copyOf(caveats);
    cells = List.copyOf(cells);
  }
}
