package org.dpaudit.core.artifact.attack;

import java.util.List;
import java.util.Map;

/**
 * How well an attack separated members from non-members. Rates are fractions.
 *
 * @param auc area under the ROC curve (ties count one half)
 * @param aucLower 95% lower bound on the AUC (Hanley and McNeil 1982 standard error)
 * @param aucUpper 95% upper bound on the AUC
 * @param balancedAccuracy the best (TPR + TNR) / 2 over thresholds
 * @param tprAtFpr TPR at FPR 0.1% and 1% (and the other grid points), keyed by FPR as text
 * @param members the number of member examples scored
 * @param nonMembers the number of non-member examples scored
 * @param roc the ROC curve, thinned to a log-spaced FPR grid down to 1e-4
 */
public record AttackMetrics(
    double auc,
    double aucLower,
    double aucUpper,
    double balancedAccuracy,
    Map<String, TprAtFpr> tprAtFpr,
    int members,
    int nonMembers,
    RocCurve roc) {
  public AttackMetrics {
    tprAtFpr = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tprAtFpr));
  }

  /** The FPRs reported by default. */
  public static final List<Double> REPORTED_FPRS = List.of(0.0001, 0.001, 0.01, 0.1);
}
