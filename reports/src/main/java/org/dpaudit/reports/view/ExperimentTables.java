package org.dpaudit.reports.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.RunArtifacts;

/**
 * Finds and reads the {@code table.json} of experiments: {@code runs/<preset>/table.json}, in the
 * parent directory of compared runs. The experiment command is built on another branch; until its
 * format is fixed, the table is read as a JSON tree and laid out generically.
 */
public final class ExperimentTables {
  /** The experiment table's file name. */
  public static final String TABLE_JSON = "table.json";

  private ExperimentTables() {}

  /** The tables next to {@code runDirs} (each file once, in order of first appearance). */
  public static List<ExperimentTable> near(List<Path> runDirs) {
    LinkedHashSet<Path> files = new LinkedHashSet<>();
    for (Path d : runDirs) {
      Path parent = d.toAbsolutePath().normalize().getParent();
      if (parent != null && Files.isRegularFile(parent.resolve(TABLE_JSON))) {
        files.add(parent.resolve(TABLE_JSON));
      }
    }
    List<ExperimentTable> out = new ArrayList<>();
    for (Path f : files) {
      out.add(of(RunArtifacts.tree(f), f.toString()));
    }
    return out;
  }

  /** The table of {@code root}: an array of row objects, or an object with one such array. */
  static ExperimentTable of(JsonNode root, String path) {
    List<Field> facts = new ArrayList<>();
    JsonNode rows = root.isArray() ? root : null;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.isObject() ? root.fields() : java.util.Collections.emptyIterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isArray() && rows == null && containsObjects(e.getValue())) {
        rows = e.getValue();
      } else if (e.getValue().isValueNode()) {
        facts.add(Field.of(e.getKey(), cell(e.getValue())));
      }
    }
    List<Map<String, String>> flat = new ArrayList<>();
    LinkedHashSet<String> columns = new LinkedHashSet<>();
    if (rows != null) {
      for (JsonNode r : rows) {
        Map<String, String> cells = new LinkedHashMap<>();
        flatten("", r, cells);
        columns.addAll(cells.keySet());
        flat.add(cells);
      }
    }
    List<List<String>> cells = new ArrayList<>();
    for (Map<String, String> r : flat) {
      List<String> row = new ArrayList<>();
      for (String c : columns) {
        row.add(r.getOrDefault(c, ""));
      }
      cells.add(row);
    }
    return new ExperimentTable(path, facts, List.copyOf(columns), cells);
  }

  private static boolean containsObjects(JsonNode array) {
    return array.size() > 0 && array.get(0).isObject();
  }

  /** Nested objects become {@code parent.child} columns ({@code accuracy.paper}, {@code accuracy.ours}). */
  private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else {
      out.put(prefix.isEmpty() ? "value" : prefix, cell(n));
    }
  }

  /** A cell: numbers with up to 4 significant digits, infinity as ∞, arrays joined. */
  static String cell(JsonNode n) {
    if (n == null || n.isNull()) {
      return Formats.NONE;
    }
    Double d = number(n);
    if (d != null) {
      return n.isIntegralNumber() ? n.asText() : Formats.number(d, 4);
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(x -> parts.add(cell(x)));
      return String.join(", ", parts);
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  /** {@code n} as a number (the texts {@code Infinity}, {@code -Infinity} and {@code NaN} included), or null. */
  private static Double number(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (!n.isTextual()) {
      return null;
    }
    return switch (n.asText()) {
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> null;
    };
  }
}
