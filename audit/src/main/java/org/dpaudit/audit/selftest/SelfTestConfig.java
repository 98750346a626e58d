package org.dpaudit.audit.selftest;

import org.dpaudit.core.Checks;

/**
 * What the self-test runs: how many trials, from which seed, at which confidence, on which known
 * mechanisms and with how much data per audit.
 *
 * @param trials audits per (procedure, mechanism)
 * @param seed the root seed (the self-test is reproducible by design)
 * @param confidence the confidence every bound is computed at
 * @param perClass releases per class for the many-runs procedures
 * @param canaries canaries for the one-run procedure
 * @param sigma the noise of the honest Gaussian mechanism (sensitivity 1)
 * @param delta the delta of the Gaussian audits (randomized response is audited at delta = 0)
 * @param responseProbability the truthful-report probability of randomized response
 * @param brokenNoiseFactor the broken mechanism adds {@code brokenNoiseFactor * sigma} noise while
 *     claiming {@code sigma}
 */
public record SelfTestConfig(
    int trials,
    long seed,
    double confidence,
    int perClass,
    int canaries,
    double sigma,
    double delta,
    double responseProbability,
    double brokenNoiseFactor) {
  /** Trials by default: enough to see a coverage failure of a few percent, fast on two cores. */
  public static final int DEFAULT_TRIALS = 200;

  public SelfTestConfig {
    Checks.positive("trials", trials);
    Checks.openUnit("confidence", confidence);
    Checks.check(perClass >= 2, "perClass must be at least 2; got " + perClass);
    Checks.check(canaries >= 2, "canaries must be at least 2; got " + canaries);
    Checks.positive("sigma", sigma);
    Checks.openUnit("delta", delta);
    Checks.check(responseProbability > 0.5 && responseProbability < 1,
        "responseProbability must be in (0.5, 1); got " + responseProbability);
    Checks.check(brokenNoiseFactor > 0 && brokenNoiseFactor < 1,
        "brokenNoiseFactor must be in (0, 1); got " + brokenNoiseFactor);
  }

  /** The defaults with the given trials, seed and confidence. */
  public static SelfTestConfig defaults(int trials, long seed, double confidence) {
    return new SelfTestConfig(trials, seed, confidence, 2000, 4000, 2.0, 1e-5, 0.75, 1.0 / 3);
  }
}
