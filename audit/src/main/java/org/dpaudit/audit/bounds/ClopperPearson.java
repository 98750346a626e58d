package org.dpaudit.audit.bounds;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.dpaudit.core.Checks;

/**
 * One-sided Clopper–Pearson confidence bounds on a binomial proportion.
 *
 * <pre>
 * Clopper, C. J. and Pearson, E. S. (1934). The use of confidence or fiducial limits illustrated in
 * the case of the binomial. Biometrika 26(4), 404-413.
 * </pre>
 *
 * <p>Having seen {@code k} successes in {@code n} independent trials, the upper bound at error level
 * {@code alpha} is the largest {@code p} with {@code P[Binom(n, p) <= k] >= alpha}, which is the
 * Beta quantile {@code Beta^-1(1 - alpha; k + 1, n - k)}; the lower bound is {@code Beta^-1(alpha;
 * k, n - k + 1)}. Each holds with probability at least {@code 1 - alpha} for every true {@code p}
 * (the bounds are exact, hence conservative for a discrete distribution). The edges have closed
 * forms and are computed from them: {@code upper(0) = 1 - alpha^(1/n)}, {@code upper(n) = 1},
 * {@code lower(0) = 0}, {@code lower(n) = alpha^(1/n)}.
 */
public final class ClopperPearson {
  private ClopperPearson() {}

  /**
   * The one-sided upper bound on the proportion after {@code k} successes in {@code n} trials: the
   * true proportion exceeds it with probability at most {@code alpha}.
   */
  public static double upper(int k, int n, double alpha) {
    check(k, n, alpha);
    if (k == n) {
      return 1.0;
    }
    if (k == 0) {
      return -Math.expm1(Math.log(alpha) / n);
    }
    return BetaDistribution.of(k + 1.0, (double) n - k).inverseSurvivalProbability(alpha);
  }

  /**
   * The one-sided lower bound on the proportion after {@code k} successes in {@code n} trials: the
   * true proportion is below it with probability at most {@code alpha}.
   */
  public static double lower(int k, int n, double alpha) {
    check(k, n, alpha);
    if (k == 0) {
      return 0.0;
    }
    if (k == n) {
      return Math.exp(Math.log(alpha) / n);
    }
    return BetaDistribution.of(k, n - k + 1.0).inverseCumulativeProbability(alpha);
  }

  private static void check(int k, int n, double alpha) {
    Checks.positive("n", n);
    Checks.inRange("k", k, 0, n);
    Checks.openUnit("alpha", alpha);
  }
}
