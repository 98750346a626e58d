package org.dpaudit.trainers.schemes.enadpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.schemes.SchemeOptions;
import org.dpaudit.trainers.schemes.Schemes;
import org.junit.jupiter.api.Test;

/** Seed 000's ratio ablations: each option does what it says, none raises a ratio above 1, bad values are refused. */
class RatioAblationsTest {
  private static final double[][] RATIOS = {{0.2, 1.0, 0.05}, {0.5, 0.01}};

  private static RatioAblations read(Map<String, String> values) {
    return RatioAblations.read(new SchemeOptions("enadpp", values, Schemes.entry("enadpp").options()));
  }

  @Test
  void thePapersAlgorithm_isUnchanged() {
    RatioAblations none = read(Map.of());
    assertEquals(RatioAblations.NONE, none);
    double[][] out = none.apply(RATIOS);
    for (int l = 0; l < RATIOS.length; l++) {
      assertArrayEquals(RATIOS[l], out[l], 0);
    }
  }

  @Test
  void eachAblation_changesTheRatiosAsNamed() {
    double[][] uniform = read(Map.of("ratios", "uniform")).apply(RATIOS);
    assertArrayEquals(new double[] {1, 1, 1}, uniform[0], 0);
    assertArrayEquals(new double[] {1, 1}, uniform[1], 0);
    double[][] hidden = read(Map.of("ratio-layers", "hidden")).apply(RATIOS);
    assertArrayEquals(RATIOS[0], hidden[0], 0);
    assertArrayEquals(new double[] {1, 1}, hidden[1], 0, "the output layer is not adapted");
    double[][] floor = read(Map.of("ratio-floor", "0.1")).apply(RATIOS);
    assertArrayEquals(new double[] {0.2, 1.0, 0.1}, floor[0], 0);
    assertArrayEquals(new double[] {0.5, 0.1}, floor[1], 0);
    assertTrue(read(Map.of("relevance", "once")).once());
    for (double[] layer : floor) {
      for (double v : layer) {
        assertTrue(v <= 1, "no ratio above 1: the base scale stays the least noise");
      }
    }
  }

  @Test
  void badValues_andKeysOfOtherSchemes_areRefused() {
    assertThrows(InvalidInputException.class, () -> read(Map.of("ratios", "random")));
    assertThrows(InvalidInputException.class, () -> read(Map.of("relevance", "twice")));
    assertThrows(InvalidInputException.class, () -> read(Map.of("ratio-floor", "1.5")));
    assertThrows(InvalidInputException.class, () -> new SchemeOptions("dpsgd", Map.of("ratio-floor", "0.1"),
        Schemes.entry("dpsgd").options()));
    for (String s : new String[] {"enadpp", "adppl", "enadpp-corrected", "adppl-corrected"}) {
      assertTrue(Schemes.entry(s).options().containsAll(RatioAblations.KEYS), s);
    }
  }
}
