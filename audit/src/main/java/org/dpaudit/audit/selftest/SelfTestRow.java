package org.dpaudit.audit.selftest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How one audit procedure did on one known mechanism over many trials.
 *
 * @param procedure the procedure's name
 * @param mechanism the mechanism's description
 * @param delta the delta the bounds were stated at
 * @param trueEpsilon the mechanism's exact epsilon at delta
 * @param claimedEpsilon for a broken mechanism, the epsilon it claims (less than the truth)
 * @param trials the number of audits
 * @param covered audits whose lower bound stayed at or below the true epsilon
 * @param coverage {@code covered / trials}; a valid procedure has at least the confidence
 * @param coverageLower a one-sided 95% Clopper–Pearson lower bound on the true coverage
 * @param medianBound the median lower bound
 * @param tightness {@code medianBound / trueEpsilon} (1 is a perfectly tight auditor)
 * @param detectionRate for a broken mechanism, the fraction of audits whose bound exceeded the claim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SelfTestRow(
    String procedure,
    String mechanism,
    double delta,
    double trueEpsilon,
    Double claimedEpsilon,
    int trials,
    int covered,
    double coverage,
    double coverageLower,
    double medianBound,
    double tightness,
    Double detectionRate) {
  /** Whether this row is a broken mechanism's (detection) row. */
  public boolean broken() {
    return claimedEpsilon != null;
  }
}
