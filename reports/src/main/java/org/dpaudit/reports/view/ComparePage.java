package org.dpaudit.reports.view;

import java.util.List;
import org.dpaudit.reports.charts.Svg;

/**
 * Everything the comparison template shows, already formatted.
 *
 * @param runs one row per run, in the order given
 * @param privacyUtility test accuracy over epsilon, per scheme; null when fewer than two runs are
 *     private (a chart of one point shows no trade-off)
 * @param utility the same numbers as table rows when there is no chart, else empty
 * @param epsilons the three epsilons of every run on one axis
 * @param rocs one overlay of ROC curves per attack that at least one run has
 * @param experiments our numbers next to the papers', for runs made by {@code dpaudit experiment}
 * @param seeded the names of runs with seeded randomness (not for release)
 */
public record ComparePage(
    String generated,
    List<RunRow> runs,
    Svg privacyUtility,
    List<UtilityRow> utility,
    Svg epsilons,
    List<RocGroup> rocs,
    List<ExperimentTable> experiments,
    List<String> seeded,
    boolean anyAudited) {

  /**
   * One run's numbers.
   *
   * @param leaks whether the audit found the run leaking (an empirical epsilon above 0)
   * @param report a relative link to the run's own report, or null when it has none yet
   */
  public record RunRow(
      String name,
      String path,
      String scheme,
      String testAccuracy,
      String claimed,
      String accountant,
      String empirical,
      String verdict,
      String verdictLabel,
      org.dpaudit.core.artifact.audit.Standing standing,
      boolean leaks,
      String attack,
      String auc,
      String tpr01,
      String tpr1,
      String report) {}

  /** One run's privacy and utility, for a comparison without a privacy–utility chart. */
  public record UtilityRow(String run, String scheme, String epsilon, String testAccuracy) {}

  /** The ROC curves of one attack, one per run that ran it. */
  public record RocGroup(String attack, String title, Svg chart, List<String> runs) {}
}
