package org.dpaudit.core.artifact.audit;

import org.dpaudit.core.Checks;

/**
 * The outcome of one membership test on labelled examples. Positives are members: {@code tp + fn};
 * negatives are non-members: {@code fp + tn}. Both classes must be present.
 *
 * @param tp members the test called members
 * @param fn members the test called non-members
 * @param fp non-members the test called members
 * @param tn non-members the test called non-members
 */
public record ConfusionCounts(int tp, int fn, int fp, int tn) {
  public ConfusionCounts {
    Checks.nonNegative("tp", tp);
    Checks.nonNegative("fn", fn);
    Checks.nonNegative("fp", fp);
    Checks.nonNegative("tn", tn);
    Checks.check((long) tp + fn >= 1 && (long) tp + fn <= Integer.MAX_VALUE,
        "members (tp + fn) must be in [1, " + Integer.MAX_VALUE + "]; got " + ((long) tp + fn));
    Checks.check((long) fp + tn >= 1 && (long) fp + tn <= Integer.MAX_VALUE,
        "non-members (fp + tn) must be in [1, " + Integer.MAX_VALUE + "]; got " + ((long) fp + tn));
  }

  /** The number of members. */
  public int positives() {
    return tp + fn;
  }

  /** The number of non-members. */
  public int negatives() {
    return fp + tn;
  }
}
