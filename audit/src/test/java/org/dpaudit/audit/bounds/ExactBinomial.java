package org.dpaudit.audit.bounds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Binomial probabilities summed term by term in 50-digit decimal arithmetic: a slow, independent
 * path (no special functions, no Beta distribution) for checking Clopper–Pearson bounds and the
 * one-run p-value.
 */
final class ExactBinomial {
  static final MathContext MC = new MathContext(50);

  private ExactBinomial() {}

  /** C(n, j) p^j (1-p)^(n-j). */
  static BigDecimal pmf(int n, int j, BigDecimal p) {
    BigDecimal choose = new BigDecimal(binomial(n, j));
    return choose.multiply(p.pow(j, MC), MC).multiply(BigDecimal.ONE.subtract(p).pow(n - j, MC), MC);
  }

  /** P[lo <= Binom(n, p) <= hi]. */
  static BigDecimal range(int n, int lo, int hi, BigDecimal p) {
    BigDecimal s = BigDecimal.ZERO;
    for (int j = Math.max(0, lo); j <= Math.min(n, hi); j++) {
      s = s.add(pmf(n, j, p), MC);
    }
    return s;
  }

  static BigInteger binomial(int n, int k) {
    BigInteger c = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return c;
  }

  /**
   * The Clopper–Pearson upper bound by its definition: the p solving P[Binom(n, p) <= k] = alpha,
   * found by bisection on the exact tail (which falls as p grows).
   */
  static double cpUpperByBisection(int k, int n, double alpha) {
    BigDecimal target = new BigDecimal(alpha);
    BigDecimal lo = BigDecimal.ZERO;
    BigDecimal hi = BigDecimal.ONE;
    BigDecimal two = BigDecimal.valueOf(2);
    for (int i = 0; i < 70; i++) {
      BigDecimal mid = lo.add(hi).divide(two, MC);
      if (range(n, 0, k, mid).compareTo(target) > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo.add(hi).divide(two, MC).doubleValue();
  }

  /** The Clopper–Pearson lower bound: the p solving P[Binom(n, p) >= k] = alpha. */
  static double cpLowerByBisection(int k, int n, double alpha) {
    BigDecimal target = new BigDecimal(alpha);
    BigDecimal lo = BigDecimal.ZERO;
    BigDecimal hi = BigDecimal.ONE;
    BigDecimal two = BigDecimal.valueOf(2);
    for (int i = 0; i < 70; i++) {
      BigDecimal mid = lo.add(hi).divide(two, MC);
      if (range(n, k, n, mid).compareTo(target) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo.add(hi).divide(two, MC).doubleValue();
  }
}
