package org.dpaudit.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why two artifacts differ: every leaf of their JSON that is not equal, as a path with both values
 * (Tribuo's {@code ReproUtil.diffProvenance}, done on the JSON tree the records serialise to).
 */
public final class ProvenanceDiff {
  private ProvenanceDiff() {}

  /** One differing leaf: its path ({@code provenance.config.optim.epochs}) and the two values. */
  public record Difference(String path, String left, String right) {}

  /** The differing leaves of {@code a} and {@code b}, in path order; fields under {@code ignore} are skipped. */
  public static List<Difference> diff(JsonNode a, JsonNode b, List<String> ignore) {
    Map<String, String> left = new TreeMap<>();
    Map<String, String> right = new TreeMap<>();
    flatten("", a, left);
    flatten("", b, right);
    TreeMap<String, Boolean> paths = new TreeMap<>();
    left.keySet().forEach(k -> paths.put(k, true));
    right.keySet().forEach(k -> paths.put(k, true));
    List<Difference> out = new ArrayList<>();
    for (String p : paths.keySet()) {
      if (ignore.stream().anyMatch(p::startsWith)) {
        continue;
      }
      String l = left.getOrDefault(p, "(absent)");
      String r = right.getOrDefault(p, "(absent)");
      if (!l.equals(r)) {
        out.add(new Difference(p, l, r));
      }
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
    if (n == null || n.isNull()) {
      out.put(prefix, "null");
    } else if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (n.isArray()) {
      if (n.size() > 20 && n.get(0) != null && n.get(0).isValueNode()) {
        out.put(prefix, "[" + n.size() + " values, hash " + Integer.toHexString(n.toString().hashCode()) + "]");
        return;
      }
      for (int i = 0; i < n.size(); i++) {
        flatten(prefix + "[" + i + "]", n.get(i), out);
      }
    } else {
      out.put(prefix, n.asText());
    }
  }
}
