package org.dpaudit.audit.selftest;

import java.util.Locale;
import java.util.random.RandomGenerator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.audit.bounds.GaussianTradeoff;
import org.dpaudit.core.Checks;

/**
 * The Gaussian mechanism on a scalar with sensitivity 1: a member releases {@code 1 + N(0,
 * sigma^2)}, a non-member {@code N(0, sigma^2)}. Its exact epsilon at delta is the curve of Balle
 * and Wang (2018), see {@link GaussianTradeoff#gaussianMechanismEpsilon}.
 *
 * <p>Normal deviates are drawn by inversion, {@code Phi^-1(u)} with {@code u} uniform in (0, 1), from
 * the generator passed in (dpaudit creates generators only in {@code core.random}). This is for
 * testing the auditor, not for releasing data: it is not a floating-point-safe DP noise sampler.
 *
 * @param sigma the noise standard deviation
 */
public record GaussianMechanism(double sigma) implements KnownMechanism {
  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  public GaussianMechanism {
    Checks.positive("sigma", sigma);
  }

  @Override
  public String describe() {
    return "gaussian sigma=" + compact(sigma);
  }

  @Override
  public double release(boolean member, RandomGenerator rng) {
    return (member ? 1 : 0) + sigma * standardNormal(rng);
  }

  @Override
  public double epsilon(double delta) {
    return GaussianTradeoff.gaussianMechanismEpsilon(sigma, delta);
  }

  @Override
  public boolean gaussianTradeoff() {
    return true;
  }

  /** 4 significant digits without trailing zeros: 2, 0.6667, 1.5. */
  static String compact(double v) {
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
  }

  /** A standard normal deviate by inversion of a uniform in the open interval (0, 1). */
  public static double standardNormal(RandomGenerator rng) {
    double u;
    do {
      u = rng.nextDouble();
    } while (u == 0);
    return STANDARD_NORMAL.inverseCumulativeProbability(u);
  }
}
