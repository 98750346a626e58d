package org.dpaudit.core.accounting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reference CSVs in this package's test resources: '#' lines are the source and command,
 * then a header row, then one row per case (an empty cell is "not computed", read as NaN).
 */
final class ReferenceRows {
  private ReferenceRows() {}

  /** One row: column name to value. */
  record Row(Map<String, Double> values) {
    double get(String column) {
      Double v = values.get(column);
      if (v == null) {
        throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
      }
      return v;
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }

  static List<Row> read(String resource) {
    InputStream in = ReferenceRows.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("missing test resource " + resource);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = r.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
      String[] header = lines.get(0).split(",");
      List<Row> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = Arrays.copyOf(line.split(",", -1), header.length);
        Map<String, Double> values = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
          values.put(header[i], cells[i] == null || cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]));
        }
        rows.add(new Row(Map.copyOf(values)));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
