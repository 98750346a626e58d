package org.dpaudit.core.artifact.audit;

/** Which statistical argument turned the attack outcomes into an epsilon lower bound. */
public enum BoundMethod {
  /**
   * The hypothesis-testing bound {@code FPR + e^eps FNR >= 1 - delta} (Kairouz et al. 2015; Nasr et
   * al. 2021) with one-sided Clopper–Pearson upper bounds on both rates. Valid for every mechanism.
   */
  CLOPPER_PEARSON,
  /**
   * The Gaussian-DP bound (Nasr et al. 2023): a lower bound on mu from the same Clopper–Pearson
   * rates, converted to epsilon at delta through the Gaussian trade-off curve. Valid only when the
   * mechanism's trade-off curve is Gaussian (the Gaussian mechanism; white-box DP-SGD canaries).
   */
  GDP,
  /** The one-training-run canary bound of Steinke, Nasr and Jagielski (2023). Valid for every mechanism. */
  ONE_RUN,
  /**
   * The f-DP refinement of the one-run bound (Mahloujifar, Melis, Chaudhuri 2024), falsifying the
   * Gaussian trade-off curve through (eps, delta). Tighter on the same guesses, but like {@link
   * #GDP} a valid (eps, delta) bound only when the mechanism's trade-off curve is Gaussian.
   */
  ONE_RUN_FDP,
  /**
   * The f-DP one-run test (Mahloujifar, Melis, Chaudhuri 2024) with the trade-off curve of (eps,
   * delta)-DP itself: falsifies (eps, delta) claims directly, so it is valid for every mechanism,
   * on the same guesses it is a little tighter than {@link #ONE_RUN} where guesses are confident (the white-box
   * regime), up to 15% looser at middling accuracy.
   */
  ONE_RUN_FDP_EPS_DELTA
}
