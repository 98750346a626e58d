package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneRunBoundTest {

  /** Kind 2: the p-value against the formula summed term by term in 50-digit arithmetic. */
  @ParameterizedTest(name = "m={0} r={1} v={2} eps={3} delta={4}")
  @CsvSource({
    "10,10,10,0,0", "10,10,9,0.5,1e-3", "100,50,40,1,1e-5", "100,100,70,0.3,1e-3",
    "1000,100,90,2,1e-5", "1000,600,600,5,1e-5", "1000,200,120,0.2,1e-4", "50,20,20,3,0.01"})
  void pValue_matchesExactBinomialSums(int m, int r, int v, double eps, double delta) {
    BigDecimal q = BigDecimal.ONE.divide(BigDecimal.ONE.add(new BigDecimal(Math.exp(-eps))), ExactBinomial.MC);
    BigDecimal tail = ExactBinomial.range(r, v, r, q);
    BigDecimal best = BigDecimal.ZERO;
    BigDecimal sum = BigDecimal.ZERO; // P[v - i <= Binom(r, q) <= v - 1], term by term
    for (int i = 1; i <= v; i++) {
      sum = sum.add(ExactBinomial.pmf(r, v - i, q), ExactBinomial.MC);
      best = best.max(sum.divide(BigDecimal.valueOf(i), ExactBinomial.MC));
    }
    double expected = Math.min(1, tail.add(best.multiply(new BigDecimal(2.0 * m * delta)), ExactBinomial.MC).doubleValue());
    assertEquals(expected, OneRunBound.pValue(new OneRunCounts(m, r, v), eps, delta), 1e-12 + 1e-10 * expected);
  }

  /** Kind 1, closed form: with delta = 0 and all r guesses right, p = q^r, so eps = logit(beta^(1/r)). */
  @ParameterizedTest(name = "r={0}")
  @CsvSource({"1", "10", "100", "1000"})
  void perfectGuesses_pureDp_haveAClosedForm(int r) {
    double q = Math.pow(0.05, 1.0 / r);
    double expected = Math.log(q / (1 - q));
    EpsilonLowerBound b = OneRunBound.bound(new OneRunCounts(r, r, r), new BoundParameters(0.95, 0));
    assertEquals(Math.max(0, expected), b.epsilon(), 1e-8);
    if (r == 100) {
      assertEquals(3.4930, b.epsilon(), 1e-4); // by hand: q = 0.05^0.01 = 0.970487, ln(q/(1-q)) = 3.4930
    }
  }

  /** Kind 1, by hand: r = v = 2 gives p = q^2 + 2 m delta max(2q(1-q), (1 - q^2)/2). */
  @Test
  void twoGuesses_withDelta_matchTheHandFormula() {
    double eps = 1.3;
    double q = 1 / (1 + Math.exp(-eps));
    double c = 2 * 30 * 1e-3;
    double expected = q * q + c * Math.max(2 * q * (1 - q), (1 - q * q) / 2);
    assertEquals(expected, OneRunBound.pValue(new OneRunCounts(30, 2, 2), eps, 1e-3), 1e-15);
  }

  /**
   * Kind 1: jax_privacy's test_epsilon_one_run_close (tests/auditing_test.py): 10,000 in- and
   * 10,000 out-canaries with deterministic N(shift, 1) and N(0, 1) scores, significance 0.05, delta
   * 1e-6, guessing "in" above each threshold on the ROC's Pareto frontier with Bonferroni over the
   * frontier's size; expected 1.13346 (shift 1) and 4.395568 (shift 4), rtol 1e-5. Reproduced here
   * with jax_privacy's threshold procedure rebuilt as a test fixture, and our p-value and search.
   */
  @ParameterizedTest(name = "shift={0}")
  @CsvSource({"1,1.13346", "4,4.395568"})
  void reproducesJaxPrivacyOneRunValues(double shift, double expected) {
    double best = JaxPrivacyFixture.bestOverFrontier(shift, (counts, beta) -> OneRunBound.epsilon(counts, 1e-6, beta));
    assertEquals(expected, best, 1e-5 * expected);
  }

  @Test
  void pValue_isMonotoneInEpsilon_alsoWhenTwoMDeltaExceedsOne() {
    for (OneRunCounts c : List.of(new OneRunCounts(1000, 200, 150), new OneRunCounts(100, 60, 55),
        new OneRunCounts(1000, 50, 50))) {
      for (double delta : new double[] {0, 1e-5, 4e-3, 0.02, 0.2}) {
        double previous = 0;
        for (double eps = 0; eps < 8; eps += 0.01) {
          double p = OneRunBound.pValue(c, eps, delta);
          assertTrue(p >= previous - 1e-15, c + " delta " + delta + " eps " + eps + ": " + p + " < " + previous);
          previous = p;
        }
      }
    }
  }

  @Test
  void pValue_withLargeDelta_isAtLeastThePapersFormula() {
    // 2 m delta = 4: the running-maximum envelope is used, and it must never be below the paper's value.
    OneRunCounts c = new OneRunCounts(100, 60, 55);
    for (double eps = 0; eps < 6; eps += 0.25) {
      double q = 1 / (1 + Math.exp(-eps));
      BigDecimal bq = new BigDecimal(q);
      BigDecimal best = BigDecimal.ZERO;
      for (int i = 1; i <= 55; i++) {
        best = best.max(ExactBinomial.range(60, 55 - i, 54, bq).divide(BigDecimal.valueOf(i), ExactBinomial.MC));
      }
      double paper = Math.min(1, ExactBinomial.range(60, 55, 60, bq).doubleValue() + 4 * best.doubleValue());
      assertTrue(OneRunBound.pValue(c, eps, 0.02) >= paper - 1e-12, "eps " + eps);
    }
  }

  @Test
  void epsilon_isTheBoundaryOfRejection() {
    for (double delta : new double[] {0, 1e-5, 1e-3}) { // 2 m delta = 0, 0.02, 2
      OneRunCounts c = new OneRunCounts(1000, 300, 260);
      double eps = OneRunBound.bound(c, new BoundParameters(0.95, delta)).epsilon();
      assertTrue(eps > 0);
      assertTrue(OneRunBound.pValue(c, eps, delta) < 0.05);
      assertTrue(OneRunBound.pValue(c, eps + 1e-6, delta) >= 0.05);
    }
  }

  @Test
  void noEvidence_givesZero() {
    BoundParameters p = new BoundParameters(0.95, 1e-5);
    assertEquals(0, OneRunBound.bound(new OneRunCounts(100, 0, 0), p).epsilon());
    assertEquals(0, OneRunBound.bound(new OneRunCounts(100, 100, 50), p).epsilon());
    assertEquals(0, OneRunBound.bound(new OneRunCounts(100, 4, 4), p).epsilon()); // 0.5^4 > 0.05
  }

  @Test
  void invalidCounts_areRejectedWithOneLine() {
    assertEquals("correct must be in [0, guesses = 5]; got 6",
        assertThrows(InvalidInputException.class, () -> new OneRunCounts(10, 5, 6)).getMessage());
    assertEquals("guesses must be in [0, canaries = 10]; got 11",
        assertThrows(InvalidInputException.class, () -> new OneRunCounts(10, 11, 1)).getMessage());
    assertEquals("canaries must be at least 1; got 0",
        assertThrows(InvalidInputException.class, () -> new OneRunCounts(0, 0, 0)).getMessage());
    assertThrows(InvalidInputException.class, () -> OneRunBound.pValue(new OneRunCounts(10, 5, 5), Double.NaN, 0));
  }
}
