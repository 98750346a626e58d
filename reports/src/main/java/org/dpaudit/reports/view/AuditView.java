package org.dpaudit.reports.view;

import java.util.List;

/**
 * The evidence behind the empirical epsilon: every bound the audit computed, and how the
 * confidence was divided among them.
 *
 * @param note the audit's own sentence on how the confidence was divided
 * @param bounds every bound, deciding or not
 * @param made when and by which dpaudit the audit was made
 */
public record AuditView(String confidence, String comparisons, String note, List<BoundRow> bounds, String made) {

  /**
   * One empirical bound.
   *
   * @param source {@code attack:<name>} or {@code canaries}
   * @param decides whether the verdict may rest on it (valid for every mechanism)
   * @param evidence the counts it came from, in words
   * @param maxAchievable the most a perfect attack could show on these samples
   * @param caveat what it assumes beyond the hypothesis test, or null
   */
  public record BoundRow(
      String source,
      String method,
      String epsilon,
      String confidence,
      boolean decides,
      String selection,
      String evidence,
      String maxAchievable,
      String note,
      String caveat) {}
}
