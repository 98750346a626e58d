package org.dpaudit.audit;

import java.util.List;
import java.util.Objects;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.core.Checks;

/**
 * What {@code dpaudit audit --run} was asked to do; recorded as the {@code config} of {@code
 * audit.json}'s provenance.
 *
 * @param confidence the confidence of the empirical epsilon, in (0, 1)
 * @param attacks the attacks whose results are bounded; empty means every membership attack whose
 *     results are in the run (the loss attack is run when there are none)
 * @param threshold how each attack's threshold is chosen and paid for: {@link
 *     ThresholdSelection#SPLIT} or {@link ThresholdSelection#BONFERRONI}
 */
public record AuditConfig(double confidence, List<AttackKind> attacks, ThresholdSelection threshold) {
  public AuditConfig {
    Checks.openUnit("confidence", confidence);
    attacks = List.copyOf(attacks);
    Checks.check(!attacks.contains(AttackKind.INVERSION),
        "the audit bounds membership attacks; inversion is not one");
    Objects.requireNonNull(threshold, "threshold");
    Checks.check(threshold == ThresholdSelection.SPLIT || threshold == ThresholdSelection.BONFERRONI,
        "the threshold of an attack on a run is chosen by SPLIT or BONFERRONI; got " + threshold);
  }

  /**
   * The defaults: 95% confidence (the field's convention, and {@link BoundParameters#DEFAULT_CONFIDENCE});
   * every attack in the run; the threshold chosen on a random half and bounded on the other
   * (valid whatever the scores, and usually tighter than Bonferroni over every threshold).
   */
  public AuditConfig() {
    this(BoundParameters.DEFAULT_CONFIDENCE, List.of(), ThresholdSelection.SPLIT);
  }
}
