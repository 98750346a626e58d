package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.ConfusionCounts;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;

/** The bound's algebra against hand computations, from rate bounds with a known value. */
class CountsBoundTest {
  private static final double LEVEL = 0.025; // each rate at (1 - 0.95) / 2

  /** upper(0, n) = 1 - level^(1/n): a perfect test on 100 + 100 examples. */
  private static final double ZERO_OF_100 = 1 - Math.pow(LEVEL, 1.0 / 100);

  @Test
  void perfectTest_withoutDelta_isLnOfOneMinusXOverX() {
    EpsilonLowerBound b = CountsBound.clopperPearson(new ConfusionCounts(100, 0, 0, 100), new BoundParameters(0.95, 0));
    // x = 1 - 0.025^(1/100) = 0.0362172; ln((1 - x)/x) = ln(26.61...) = 3.2813
    assertEquals(Math.log((1 - ZERO_OF_100) / ZERO_OF_100), b.epsilon(), 1e-12);
    assertEquals(3.2813, b.epsilon(), 1e-4);
    assertEquals(ZERO_OF_100, b.fprUpper(), 1e-15);
    assertEquals(ZERO_OF_100, b.fnrUpper(), 1e-15);
    assertEquals(2, b.tests());
    assertEquals(0.025, b.levelPerTest(), 1e-15);
    assertEquals(ThresholdSelection.FIXED, b.thresholdSelection());
  }

  @Test
  void perfectTest_withDelta_subtractsDeltaInTheNumerator() {
    double delta = 0.01;
    EpsilonLowerBound b = CountsBound.clopperPearson(new ConfusionCounts(100, 0, 0, 100), new BoundParameters(0.95, delta));
    assertEquals(Math.log((1 - delta - ZERO_OF_100) / ZERO_OF_100), b.epsilon(), 1e-12);
    assertTrue(b.epsilon() < CountsBound.clopperPearson(new ConfusionCounts(100, 0, 0, 100), new BoundParameters(0.95, 0)).epsilon());
  }

  /** Rate bounds taken from the statsmodels reference (CSV): FNR 20/400 -> 0.0761669..., FPR 3/10 -> 0.6524528... */
  @Test
  void referenceRates_firstOrientationWins() {
    double fnrHi = 0.07616697275514255;
    double fprHi = 0.6524528500599972;
    EpsilonLowerBound b = CountsBound.clopperPearson(new ConfusionCounts(380, 20, 3, 7), new BoundParameters(0.95, 0));
    assertEquals(fnrHi, b.fnrUpper(), 1e-15);
    assertEquals(fprHi, b.fprUpper(), 1e-15);
    // max(ln((1 - 0.65245)/0.07617), ln((1 - 0.07617)/0.65245)) = max(1.51797, 0.34779)
    assertEquals(Math.log((1 - fprHi) / fnrHi), b.epsilon(), 1e-13);
    assertEquals(1.51797, b.epsilon(), 1e-5);
  }

  @Test
  void swappingTheClasses_usesTheOtherOrientation_withTheSameValue() {
    BoundParameters p = new BoundParameters(0.95, 1e-5);
    // Few false positives, many false negatives: the second inequality (FNR + e^eps FPR >= 1 - delta) bites.
    EpsilonLowerBound a = CountsBound.clopperPearson(new ConfusionCounts(50, 50, 0, 100), p);
    double fnrHi = ClopperPearson.upper(50, 100, LEVEL);
    assertEquals(Math.log((1 - 1e-5 - fnrHi) / ZERO_OF_100), a.epsilon(), 1e-12);
    // Members and non-members swapped, test flipped: FPR and FNR trade places, epsilon is unchanged.
    EpsilonLowerBound b = CountsBound.clopperPearson(new ConfusionCounts(100, 0, 50, 50), p);
    assertEquals(Math.log((1 - 1e-5 - fnrHi) / ZERO_OF_100), b.epsilon(), 1e-12);
  }

  @Test
  void clampsAtZero_whenTheTestIsNoBetterThanChance_orDeltaEatsTheNumerator() {
    assertEquals(0, CountsBound.clopperPearson(new ConfusionCounts(50, 50, 50, 50), new BoundParameters(0.95, 0)).epsilon());
    assertEquals(0, CountsBound.clopperPearson(new ConfusionCounts(0, 100, 100, 0), new BoundParameters(0.95, 0)).epsilon());
    // 1 - delta - FPR_hi <= 0 and 1 - delta - FNR_hi <= 0: no finite term.
    assertEquals(0, CountsBound.epsilonFromRates(0.5, 0.5, 0.6));
    assertEquals(0, CountsBound.clopperPearson(new ConfusionCounts(100, 0, 0, 100), new BoundParameters(0.95, 0.97)).epsilon());
  }

  @Test
  void epsilonFromRates_isTheFormula() {
    // FPR 0.2, FNR 0.1: ln((1 - d - 0.2)/0.1) = ln 8 beats ln((1 - d - 0.1)/0.2) = ln 4.5.
    assertEquals(Math.log((1 - 1e-5 - 0.2) / 0.1), CountsBound.epsilonFromRates(0.2, 0.1, 1e-5), 1e-15);
    // FPR 0.1, FNR 0.2: ln((1 - d - 0.2)/0.1) again, now from the other inequality.
    assertEquals(Math.log((1 - 1e-5 - 0.2) / 0.1), CountsBound.epsilonFromRates(0.1, 0.2, 1e-5), 1e-15);
    // FPR 0.02, FNR 0.1, delta 0: ln(0.9/0.02) = ln 45 beats ln(0.98/0.1) = ln 9.8.
    assertEquals(Math.log(45), CountsBound.epsilonFromRates(0.02, 0.1, 0), 1e-14);
  }

  @Test
  void gdp_convertsTheMuBoundThroughTheGaussianCurve() {
    BoundParameters p = new BoundParameters(0.95, 1e-5);
    ConfusionCounts c = new ConfusionCounts(600, 400, 50, 950);
    EpsilonLowerBound b = CountsBound.gdp(c, p);
    double mu = GaussianTradeoff.muLowerBound(b.fprUpper(), b.fnrUpper());
    assertEquals(mu, b.mu(), 0);
    assertEquals(GaussianTradeoff.epsilon(mu, 1e-5), b.epsilon(), 0);
    assertEquals(BoundMethod.GDP, b.method());
    assertNull(CountsBound.clopperPearson(c, p).mu());
  }

  @Test
  void gdp_needsPositiveDelta() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CountsBound.gdp(new ConfusionCounts(1, 1, 1, 1), new BoundParameters(0.95, 0)));
    assertTrue(e.getMessage().startsWith("the Gaussian-DP bound needs delta > 0"), e.getMessage());
  }

  @Test
  void invalidCounts_areRejectedWithOneLine() {
    assertEquals("fp must be at least 0; got -1",
        assertThrows(InvalidInputException.class, () -> new ConfusionCounts(1, 1, -1, 1)).getMessage());
    assertEquals("members (tp + fn) must be in [1, 2147483647]; got 0",
        assertThrows(InvalidInputException.class, () -> new ConfusionCounts(0, 0, 1, 1)).getMessage());
    assertEquals("confidence must be in (0, 1); got 1.0",
        assertThrows(InvalidInputException.class, () -> new BoundParameters(1, 1e-5)).getMessage());
    assertThrows(InvalidInputException.class, () -> new BoundParameters(0.95, Double.NaN));
  }

  @Test
  void result_roundTripsThroughJson() throws Exception {
    EpsilonLowerBound b = CountsBound.gdp(new ConfusionCounts(600, 400, 50, 950), new BoundParameters(0.9, 1e-6));
    String json = Json.write(b);
    assertEquals(b, Json.mapper().readValue(json, EpsilonLowerBound.class));
    assertTrue(json.contains("\"method\" : \"gdp\""), json);
    assertTrue(!json.contains("oneRun"), "null fields are left out: " + json);
  }
}
