package org.dpaudit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerant reading of {@code audit.json} and {@code table.json} trees: a missing field is null, and
 * the strings {@code "Infinity"}, {@code "-Infinity"} and {@code "NaN"} (how {@code Json} writes
 * non-finite doubles) are numbers.
 */
public final class AuditTree {
  private AuditTree() {}

  /** The node at a dotted {@code path} ({@code "empiricalEpsilon.lower"}), or null. */
  public static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      if (n == null || n.isNull() || n.isMissingNode()) {
        return null;
      }
      n = n.get(part);
    }
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  /** The number at {@code path}, or null when absent or not a number. */
  public static Double number(JsonNode root, String path) {
    return number(at(root, path));
  }

  /** {@code node} as a number (non-finite values written as text included), or null. */
  public static Double number(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      switch (node.asText()) {
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        case "NaN":
          return Double.NaN;
        default:
          return null;
      }
    }
    return null;
  }

  /** The text at {@code path}, or null. */
  public static String text(JsonNode root, String path) {
    JsonNode n = at(root, path);
    return n == null ? null : n.isValueNode() ? n.asText() : n.toString();
  }

  /** The boolean at {@code path}, or null. */
  public static Boolean bool(JsonNode root, String path) {
    JsonNode n = at(root, path);
    return n == null || !n.isBoolean() ? null : n.booleanValue();
  }

  /** The elements of the array at {@code path} (empty when absent). */
  public static List<JsonNode> array(JsonNode root, String path) {
    JsonNode n = at(root, path);
    List<JsonNode> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(out::add);
    }
    return out;
  }
}
