package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GaussianTradeoffTest {
  private static final NormalDistribution N01 = NormalDistribution.of(0, 1);

  static Stream<Arguments> pld() {
    return ReferenceCsv.rows("gaussian_mechanism_pld.csv");
  }

  /**
   * Kind 1: dp_accounting's PLD epsilon (pessimistic discretisation, so an upper bound) is at or
   * just above the exact curve.
   */
  @ParameterizedTest(name = "sigma={0}")
  @MethodSource("pld")
  void gaussianMechanismEpsilon_isJustBelowDpAccountingPld(double sigma, double delta, double epsPld) {
    double exact = GaussianTradeoff.gaussianMechanismEpsilon(sigma, delta);
    assertTrue(exact <= epsPld + 1e-12, exact + " > PLD " + epsPld);
    assertTrue(epsPld - exact < 1e-6, "PLD " + epsPld + " is far above the exact " + exact);
  }

  /**
   * Kind 2: delta(eps) as the hockey-stick divergence of N(mu, 1) from N(0, 1), integrated
   * numerically: the integral of max(0, phi(x - mu) - e^eps phi(x)) over x.
   */
  @ParameterizedTest(name = "mu={0} eps={1}")
  @CsvSource({"0.5,0", "0.5,0.3", "1,1", "1,3", "2,2", "3,5", "0.1,0.05"})
  void delta_matchesNumericalHockeyStickIntegral(double mu, double eps) {
    double lo = -12;
    double hi = mu + 12;
    int steps = 400_000;
    double h = (hi - lo) / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double x = lo + i * h;
      double f = Math.max(0, N01.density(x - mu) - Math.exp(eps) * N01.density(x));
      sum += (i == 0 || i == steps ? 0.5 : 1) * f;
    }
    double integral = sum * h;
    assertEquals(integral, GaussianTradeoff.delta(mu, eps), 1e-9 + 1e-6 * integral);
  }

  @Test
  void delta_atZero_isTotalVariation() {
    for (double mu : new double[] {0.1, 1, 4}) {
      assertEquals(2 * N01.cumulativeProbability(mu / 2) - 1, GaussianTradeoff.delta(mu, 0), 1e-15);
    }
  }

  /** Where Phi(-eps/mu - mu/2) underflows, the naive formula overstates delta; ours keeps its relative accuracy. */
  @Test
  void delta_staysAccurateInTheFarTail() {
    double mu = 1;
    double eps = 40; // a = -39.5: delta ~ 1e-341 underflows to 0, but must never be negative or NaN
    double d = GaussianTradeoff.delta(mu, eps);
    assertTrue(d >= 0 && d < 1e-300, "delta " + d);
    // Moderate tail, where the naive formula still works in double: the two agree.
    double eps2 = 8;
    double naive = N01.cumulativeProbability(-eps2 / mu + mu / 2) - Math.exp(eps2) * N01.cumulativeProbability(-eps2 / mu - mu / 2);
    assertEquals(naive, GaussianTradeoff.delta(mu, eps2), 1e-6 * naive);
  }

  @ParameterizedTest(name = "mu={0} delta={1}")
  @CsvSource({"0.25,1e-5", "0.5,1e-5", "1,1e-5", "2,1e-10", "5,1e-5", "0.05,1e-3"})
  void epsilon_roundTripsThroughDelta(double mu, double delta) {
    double eps = GaussianTradeoff.epsilon(mu, delta);
    assertTrue(eps > 0);
    assertTrue(GaussianTradeoff.delta(mu, eps) >= delta, "epsilon is rounded down, so its delta is at least the target");
    assertEquals(delta, GaussianTradeoff.delta(mu, eps), 1e-9 * delta);
  }

  @Test
  void epsilon_isZeroWhenDeltaCoversTheWholeCurve() {
    assertEquals(0, GaussianTradeoff.epsilon(0, 1e-5));
    assertEquals(0, GaussianTradeoff.epsilon(0.1, 0.5)); // 2 Phi(0.05) - 1 = 0.0399 < 0.5
  }

  @Test
  void muLowerBound_isTheDongRothSuFormulaClampedAtZero() {
    // Phi^-1(1 - 0.05) - Phi^-1(0.2) = 1.6448536 + 0.8416212
    assertEquals(1.6448536269514722 + 0.8416212335729143, GaussianTradeoff.muLowerBound(0.05, 0.2), 1e-12);
    assertEquals(GaussianTradeoff.muLowerBound(0.2, 0.05), GaussianTradeoff.muLowerBound(0.05, 0.2), 1e-15);
    assertEquals(0, GaussianTradeoff.muLowerBound(0.6, 0.5)); // FPR + FNR > 1: no evidence
    assertEquals(0, GaussianTradeoff.muLowerBound(1, 1e-3));
  }

  @Test
  void invalidInput_isRejected() {
    assertThrows(InvalidInputException.class, () -> GaussianTradeoff.epsilon(1, 0));
    assertThrows(InvalidInputException.class, () -> GaussianTradeoff.epsilon(Double.NaN, 1e-5));
    assertThrows(InvalidInputException.class, () -> GaussianTradeoff.delta(-1, 1));
    assertThrows(InvalidInputException.class, () -> GaussianTradeoff.muLowerBound(0, 0.5));
  }
}
