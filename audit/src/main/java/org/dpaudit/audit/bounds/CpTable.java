package org.dpaudit.audit.bounds;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Clopper–Pearson upper bounds {@code upper(k, n, level)} for one (n, level), memoised per k, and
 * the normal quantiles {@code Phi^-1(1 - upper)} the Gaussian-DP bound needs. A threshold search
 * asks for thousands of them, and the self-test asks for the same ones in every trial; a Beta
 * quantile costs microseconds, a lookup nanoseconds.
 */
final class CpTable {
  private static final int CACHE_SIZE = 64;
  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
  private static final Map<Key, CpTable> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, CpTable> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  private record Key(int n, double level) {}

  private final int n;
  private final double level;
  private final double[] upper;
  private final double[] z;

  private CpTable(int n, double level) {
    this.n = n;
    this.level = level;
    this.upper = new double[n + 1];
    this.z = new double[n + 1];
    Arrays.fill(upper, Double.NaN);
    Arrays.fill(z, Double.NaN);
  }

  /** The (shared, memoised) table for {@code n} trials at error level {@code level}. */
  static CpTable of(int n, double level) {
    synchronized (CACHE) {
      return CACHE.computeIfAbsent(new Key(n, level), k -> new CpTable(k.n(), k.level()));
    }
  }

  /** {@link ClopperPearson#upper}{@code (k, n, level)}. */
  synchronized double upper(int k) {
    double u = upper[k];
    if (Double.isNaN(u)) {
      u = ClopperPearson.upper(k, n, level);
      upper[k] = u;
    }
    return u;
  }

  /** {@code Phi^-1(1 - upper(k))}: one of the two terms of the Gaussian-DP mu bound. */
  synchronized double z(int k) {
    double v = z[k];
    if (Double.isNaN(v)) {
      v = STANDARD_NORMAL.inverseSurvivalProbability(upper(k));
      z[k] = v;
    }
    return v;
  }
}
