package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The subsampled-Gaussian RDP against independent computations (test kind 2): exact big-decimal
 * arithmetic at integer orders (as dp_accounting's {@code test_compute_log_a_equals_mp}), and a
 * direct numerical integration of the defining integral at fractional orders.
 */
class SubsampledGaussianRdpTest {
  private static final MathContext MC = new MathContext(80);

  /** exp(x) for x >= 0 in 80 digits: Taylor series of x / 2^k, then k squarings. */
  private static BigDecimal exp(BigDecimal x) {
    int k = Math.max(0, x.toBigInteger().bitLength() + 1);
    BigDecimal y = x.divide(BigDecimal.valueOf(2).pow(k), MC);
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    for (int n = 1; n < 200; n++) {
      term = term.multiply(y, MC).divide(BigDecimal.valueOf(n), MC);
      sum = sum.add(term, MC);
    }
    for (int i = 0; i < k; i++) {
      sum = sum.multiply(sum, MC);
    }
    return sum;
  }

  private static double log(BigDecimal a) {
    BigDecimal r = a.round(new MathContext(30));
    return Math.log(r.unscaledValue().doubleValue()) - r.scale() * Math.log(10);
  }

  /** log A_alpha = log sum_i C(alpha, i) q^i (1 - q)^(alpha - i) exp((i^2 - i) / (2 sigma^2)), exactly. */
  static double exactLogA(double q, double sigma, int alpha) {
    BigDecimal bq = new BigDecimal(q);
    BigDecimal b1q = BigDecimal.ONE.subtract(bq);
    BigDecimal twoVar = new BigDecimal(sigma).pow(2).multiply(BigDecimal.valueOf(2));
    BigDecimal sum = BigDecimal.ZERO;
    BigInteger binom = BigInteger.ONE;
    for (int i = 0; i <= alpha; i++) {
      if (i > 0) {
        binom = binom.multiply(BigInteger.valueOf(alpha - i + 1)).divide(BigInteger.valueOf(i));
      }
      BigDecimal exponent = BigDecimal.valueOf((long) i * i - i).divide(twoVar, MC);
      BigDecimal term = new BigDecimal(binom).multiply(bq.pow(i, MC), MC).multiply(b1q.pow(alpha - i, MC), MC)
          .multiply(exp(exponent), MC);
      sum = sum.add(term, MC);
    }
    return log(sum);
  }

  static Stream<Arguments> integerCases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (double q : new double[] {1e-6, 1e-3, 0.01, 0.1, 0.5, 0.99}) {
      for (double sigma : new double[] {0.3, 0.8, 1.1, 4, 50}) {
        for (int alpha : new int[] {2, 3, 7, 32, 64, 256}) {
          b.add(Arguments.of(q, sigma, alpha));
        }
      }
    }
    b.add(Arguments.of(0.01, 1.0, 1024));
    b.add(Arguments.of(1e-4, 4.0, 4096));
    b.add(Arguments.of(Double.MIN_NORMAL, 1.0, 16));
    return b.build();
  }

  /** 1e-12 relative to max(1, |log A|): the log-space sum loses only a few ulps per term. */
  @ParameterizedTest
  @MethodSource("integerCases")
  void integerOrder_equalsExactBigDecimal(double q, double sigma, int alpha) {
    double exact = exactLogA(q, sigma, alpha);
    double fast = SubsampledGaussianRdp.logAInteger(q, sigma, alpha);
    assertEquals(exact, fast, 1e-12 * Math.max(1, Math.abs(exact)), "q=" + q + " sigma=" + sigma + " alpha=" + alpha);
  }

  /**
   * log A_alpha by numerical integration of E_{z ~ N(0, sigma^2)}[((1-q) + q e^((2z-1)/(2 sigma^2)))^alpha]:
   * composite Simpson on a fine grid covering the integrand's mass, summed in log space.
   */
  static double integratedLogA(double q, double sigma, double alpha) {
    double lo = -40 * sigma;
    double hi = alpha + 40 * sigma;
    int n = 400_000;
    double h = (hi - lo) / n;
    double[] logF = new double[n + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= n; i++) {
      double z = lo + i * h;
      double l = (2 * z - 1) / (2 * sigma * sigma);
      double mix = l > 0 ? l + Math.log(q + (1 - q) * Math.exp(-l)) : Math.log1p(q * Math.expm1(l));
      logF[i] = -z * z / (2 * sigma * sigma) - Math.log(sigma * Math.sqrt(2 * Math.PI)) + alpha * mix;
      max = Math.max(max, logF[i]);
    }
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
      sum += w * Math.exp(logF[i] - max);
    }
    return max + Math.log(sum * h / 3);
  }

  /**
   * Fractional orders: the series against the integral. The series sums the absolute values of the
   * binomial coefficients (as dp_accounting does), so it is an upper bound: it must not fall below
   * the integral (beyond the quadrature's 1e-9), and it is loosest for orders just above 1 (4% of log
   * A at order 1.5 with q = 0.01, 26% at order 1.3 with q = 0.05: the first dropped sign is C(alpha, 3)
   * < 0), and tight (1e-4 or better) from order 3 on.
   */
  @ParameterizedTest
  @CsvSource({
      "0.01, 1.0, 1.5, 0.05", "0.01, 1.0, 2.5, 0.002", "0.01, 1.0, 10.9, 1e-6", "0.001, 0.8, 3.3, 1e-4",
      "0.1, 2.0, 7.7, 1e-4", "0.3, 0.7, 4.6, 1e-4", "0.004266666666666667, 1.1, 8.1, 1e-4", "0.05, 1.0, 1.3, 0.3"})
  void fractionalOrder_boundsTheIntegralTightly(double q, double sigma, double alpha, double relativeSlack) {
    double series = SubsampledGaussianRdp.logAFractional(q, sigma, alpha);
    double integral = integratedLogA(q, sigma, alpha);
    assertTrue(series >= integral * (1 - 1e-9), series + " < " + integral);
    assertTrue(series <= integral * (1 + relativeSlack), series + " is far above " + integral);
  }

  /** Where the series does not converge in 1000 terms the order is dropped (infinity), never underestimated. */
  @Test
  void fractionalSeries_thatDoesNotConverge_givesInfinity() {
    assertEquals(Double.POSITIVE_INFINITY, SubsampledGaussianRdp.logAFractional(0.5, 1.3, 1.1));
  }

  /** The fractional series agrees with the integer sum where both apply (alpha = 3 as 3 + 1e-9). */
  @Test
  void fractionalSeries_isContinuousAtIntegers() {
    double atInteger = SubsampledGaussianRdp.logAInteger(0.02, 1.2, 3);
    double nearInteger = SubsampledGaussianRdp.logAFractional(0.02, 1.2, 3 + 1e-9);
    assertEquals(atInteger, nearInteger, 1e-7 * atInteger);
  }

  /**
   * Renyi divergences are non-decreasing in the order: exactly so at integer orders (exact sums), and
   * each fractional value (an upper bound) is at least the exact value at the integer below it.
   */
  @ParameterizedTest
  @CsvSource({"0.01, 1.0", "1e-4, 0.5", "0.2, 3.0", "0.999, 1.1", "1e-9, 10"})
  void rdp_isNonDecreasingInOrder(double q, double sigma) {
    double previous = 0;
    for (int a = 2; a <= 4096; a = a < 64 ? a + 1 : 2 * a) {
      double r = SubsampledGaussianRdp.rdp(q, sigma, a);
      assertTrue(r >= previous * (1 - 1e-12), "order " + a + ": " + r + " < " + previous);
      assertTrue(r > 0, "order " + a + " rounds to zero");
      previous = r;
    }
    for (double a : RdpAccountant.defaultOrders()) {
      if (a > 2 && a != Math.rint(a)) {
        double below = SubsampledGaussianRdp.rdp(q, sigma, Math.floor(a));
        assertTrue(SubsampledGaussianRdp.rdp(q, sigma, a) >= below * (1 - 1e-9) - 1e-15, "order " + a);
      }
    }
  }

  /** Extreme inputs stay finite and sensible: tiny q and huge orders neither overflow nor underflow. */
  @Test
  void extremeInputs_areFiniteAndOrdered() {
    double tinyQ = SubsampledGaussianRdp.rdp(Double.MIN_VALUE, 1, 32);
    assertTrue(tinyQ >= 0 && tinyQ < 1e-300, "q = MIN_VALUE gives " + tinyQ);
    // At order 4096 even q = MIN_VALUE cannot beat e^(alpha^2 / 2): the last term, q^alpha e^(alpha(alpha-1)/2), dominates.
    double expected = (4096 * Math.log(Double.MIN_VALUE) + 4096.0 * 4095 / 2) / 4095;
    assertEquals(expected, SubsampledGaussianRdp.rdp(Double.MIN_VALUE, 1, 4096), 1e-12 * expected);
    double smallSigma = SubsampledGaussianRdp.rdp(0.01, 0.05, 4096);
    assertTrue(Double.isFinite(smallSigma) && smallSigma > 1000, "sigma = 0.05 gives " + smallSigma);
    assertEquals(Double.POSITIVE_INFINITY, SubsampledGaussianRdp.rdp(0.01, 0, 2));
    assertEquals(2.0 / (2 * 0.25), SubsampledGaussianRdp.rdp(1, 0.5, 2), 1e-15);
  }
}
