package org.dpaudit.core.artifact.audit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.artifact.attack.TprAtFpr;
import org.dpaudit.core.Checks;

/**
 * An attack's metrics as the audit (and the gate) reports them, copied from {@code
 * attacks/<attack>.json}. Rates are fractions.
 *
 * @param attack the attack's name ({@code loss}, {@code lira}, ...)
 * @param auc area under the ROC curve
 * @param aucInterval its 95% interval [lower, upper]
 * @param balancedAccuracy the best balanced accuracy over thresholds
 * @param tprAtFpr the TPR at each reported FPR, keyed by the FPR as written in the attack record
 *     ({@code "0.001"} for 0.1%, {@code "0.01"} for 1%, ...)
 * @param members member examples scored
 * @param nonMembers non-member examples scored
 */
public record AttackSummary(
    String attack,
    double auc,
    List<Double> aucInterval,
    double balancedAccuracy,
    Map<String, Double> tprAtFpr,
    int members,
    int nonMembers) {
  public AttackSummary {
    Objects.requireNonNull(attack, "attack");
    Checks.probability("auc", auc);
    aucInterval = List.copyOf(aucInterval);
    tprAtFpr = Collections.unmodifiableMap(new TreeMap<>(tprAtFpr));
  }

  /** The summary of an attack record. */
  public static AttackSummary of(AttackRecord r) {
    Map<String, Double> tpr = new TreeMap<>();
    for (Map.Entry<String, TprAtFpr> e : r.tprAtFpr().entrySet()) {
      tpr.put(e.getKey(), e.getValue().tpr());
    }
    return new AttackSummary(r.attack(), r.auc(), r.aucInterval(), r.balancedAccuracy(), tpr, r.members(),
        r.nonMembers());
  }

  /** The TPR at {@code fpr}, if this attack reported one at that FPR (compared as numbers). */
  public OptionalDouble tprAt(double fpr) {
    for (Map.Entry<String, Double> e : tprAtFpr.entrySet()) {
      if (Double.parseDouble(e.getKey()) == fpr) {
        return OptionalDouble.of(e.getValue());
      }
    }
    return OptionalDouble.empty();
  }
}
