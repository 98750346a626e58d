package org.dpaudit.reports.view;

import java.util.List;
import org.dpaudit.reports.charts.Svg;

/**
 * One membership attack on a report: its ROC curve and the numbers the field reports.
 *
 * @param name the attack's name as recorded ({@code loss}, {@code lira}, ...)
 * @param title its name in words, with its paper
 * @param tpr01 TPR at 0.1% FPR, with {@link #tpr01Interval} its 95% Clopper–Pearson interval
 * @param tpr1 TPR at 1% FPR
 * @param tprRows every reported FPR
 * @param details the attack's settings as recorded
 * @param variants the variants' metrics (LiRA), empty otherwise
 */
public record AttackView(
    String name,
    String title,
    String auc,
    String aucInterval,
    String balancedAccuracy,
    String tpr01,
    String tpr01Interval,
    String tpr1,
    String tpr1Interval,
    List<TprRow> tprRows,
    String members,
    String nonMembers,
    List<Field> details,
    List<VariantRow> variants,
    Svg roc) {

  /**
   * TPR at one FPR: the TPR, its interval, and the FPR actually achieved at that threshold.
   *
   * @param unresolved why the sample cannot resolve this FPR (fewer non-members than 1/FPR: the only
   *     threshold at or below it is the one with no false positive at all), or null when it can;
   *     such rows are greyed
   */
  public record TprRow(String fpr, String tpr, String interval, String achievedFpr, String unresolved) {}

  /** One variant of an attack (LiRA online / offline, fixed or per-example variance). */
  public record VariantRow(String name, String auc, String tpr01, String tpr1, boolean selected) {}
}
