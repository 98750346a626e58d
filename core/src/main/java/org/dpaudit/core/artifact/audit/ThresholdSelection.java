package org.dpaudit.core.artifact.audit;

/**
 * How the decision threshold (or the guess counts) was chosen, and so how the choice was paid for.
 * Picking the best threshold on the same outcomes that are then bounded overstates the bound; TF
 * Privacy, Privacy Meter and the Jagielski et al. code all do it. Each value here is valid.
 */
public enum ThresholdSelection {
  /**
   * One test, fixed before the outcomes were seen: given confusion counts, an explicit threshold,
   * or one (k+, k-) guess rule. Nothing to pay; the caller vouches that the test was not tuned on
   * these outcomes.
   */
  FIXED,
  /**
   * A seeded random half of the examples (stratified by membership) chooses the threshold that
   * maximises the bound there; the other half is bounded at that threshold.
   */
  SPLIT,
  /**
   * Every threshold (or every guess rule tried) on all the data, with the error budget divided
   * over the number of tests (Bonferroni), so the maximum is still valid.
   */
  BONFERRONI
}
