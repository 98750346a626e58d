package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ClopperPearsonTest {

  static Stream<Arguments> reference() {
    return ReferenceCsv.rows("clopper_pearson_reference.csv");
  }

  /** Kind 1: statsmodels / scipy values (source in the CSV header). */
  @ParameterizedTest(name = "k={0} n={1} level={2}")
  @MethodSource("reference")
  void bounds_matchStatsmodels(double k, double n, double level, double lower, double upper) {
    assertEquals(upper, ClopperPearson.upper((int) k, (int) n, level), 1e-14 * Math.max(upper, 1e-300) + 1e-16);
    assertEquals(lower, ClopperPearson.lower((int) k, (int) n, level), 1e-14 * Math.max(lower, 1e-300) + 1e-16);
  }

  /** Kind 1: closed forms at the edges, derived by hand from the Beta(1, n) and Beta(n, 1) distributions. */
  @ParameterizedTest(name = "n={0} level={1}")
  @CsvSource({"1,0.05", "10,0.025", "100,0.025", "1000,0.0001", "19436,0.025", "1000000,1e-9"})
  void edges_matchClosedForms(int n, double level) {
    // 1 - level^(1/n) loses digits to cancellation when n is large, hence the absolute 1e-15.
    double upper0 = 1 - Math.pow(level, 1.0 / n);
    assertEquals(upper0, ClopperPearson.upper(0, n, level), 1e-15 + 1e-13 * upper0);
    assertEquals(Math.pow(level, 1.0 / n), ClopperPearson.lower(n, n, level), 1e-15);
    assertEquals(1.0, ClopperPearson.upper(n, n, level));
    assertEquals(0.0, ClopperPearson.lower(0, n, level));
    if (n >= 2) {
      // upper(n-1): Beta(n, 1) has CDF x^n, so the (1 - level) quantile is (1 - level)^(1/n).
      assertEquals(Math.pow(1 - level, 1.0 / n), ClopperPearson.upper(n - 1, n, level), 1e-12);
      // lower(1): Beta(1, n) has CDF 1 - (1-x)^n, so the level quantile is 1 - (1 - level)^(1/n).
      double lower1 = -Math.expm1(Math.log1p(-level) / n); // 1 - (1 - level)^(1/n) without cancellation
      assertEquals(lower1, ClopperPearson.lower(1, n, level), 1e-9 * lower1);
    }
  }

  /** Kind 2: the definition itself, by bisection on exact 50-digit binomial tails (no Beta function). */
  @ParameterizedTest(name = "k={0} n={1} level={2}")
  @CsvSource({"1,10,0.025", "3,10,0.025", "7,20,0.05", "25,100,0.0125", "60,100,0.001", "5,200,1e-6", "190,200,0.025"})
  void bounds_matchBisectionOnExactBinomialTail(int k, int n, double level) {
    double up = ClopperPearson.upper(k, n, level);
    double lo = ClopperPearson.lower(k, n, level);
    assertEquals(ExactBinomial.cpUpperByBisection(k, n, level), up, 1e-12 * up);
    assertEquals(ExactBinomial.cpLowerByBisection(k, n, level), lo, 1e-12 * lo);
  }

  @Test
  void upper_growsWithKAndFallsWithN() {
    for (int k = 0; k < 50; k++) {
      assertTrue(ClopperPearson.upper(k + 1, 50, 0.025) > ClopperPearson.upper(k, 50, 0.025));
      assertTrue(ClopperPearson.upper(k, 51, 0.025) < ClopperPearson.upper(k, 50, 0.025));
      assertTrue(ClopperPearson.lower(k, 50, 0.025) < (double) k / 50 || k == 0);
      assertTrue(ClopperPearson.upper(k, 50, 0.025) > (double) k / 50);
    }
  }

  @Test
  void invalidInput_isRejectedWithTheValue() {
    assertEquals("k must be in [0, 10]; got 11",
        assertThrows(InvalidInputException.class, () -> ClopperPearson.upper(11, 10, 0.05)).getMessage());
    assertEquals("n must be at least 1; got 0",
        assertThrows(InvalidInputException.class, () -> ClopperPearson.upper(0, 0, 0.05)).getMessage());
    assertEquals("alpha must be in (0, 1); got NaN",
        assertThrows(InvalidInputException.class, () -> ClopperPearson.lower(1, 10, Double.NaN)).getMessage());
    assertThrows(InvalidInputException.class, () -> ClopperPearson.lower(-1, 10, 0.05));
    assertThrows(InvalidInputException.class, () -> ClopperPearson.upper(1, 10, 1.0));
  }
}
