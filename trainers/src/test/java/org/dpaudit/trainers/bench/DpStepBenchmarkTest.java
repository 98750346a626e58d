package org.dpaudit.trainers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's round order: the ABBA design that keeps position effects out of the ratios. */
class DpStepBenchmarkTest {
  private static final String[] VARIANTS = {"a", "b", "c", "d"};

  @Test
  void evenRounds_runTheVariantsInTheGivenOrder() {
    assertEquals(List.of("a", "b", "c", "d"), DpStepBenchmark.roundOrder(VARIANTS, 0));
    assertEquals(List.of("a", "b", "c", "d"), DpStepBenchmark.roundOrder(VARIANTS, 4));
  }

  @Test
  void oddRounds_runThemReversed() {
    assertEquals(List.of("d", "c", "b", "a"), DpStepBenchmark.roundOrder(VARIANTS, 1));
    assertEquals(List.of("d", "c", "b", "a"), DpStepBenchmark.roundOrder(VARIANTS, 3));
  }

  @Test
  void overTwoRounds_everyVariantSitsAtTheMeanPlace_andEachPairRunsInBothOrders() {
    List<String> even = DpStepBenchmark.roundOrder(VARIANTS, 0);
    List<String> odd = DpStepBenchmark.roundOrder(VARIANTS, 1);
    for (String v : VARIANTS) {
      assertEquals(VARIANTS.length - 1, even.indexOf(v) + odd.indexOf(v), v);
    }
    assertTrue(even.indexOf("a") < even.indexOf("b") && odd.indexOf("b") < odd.indexOf("a"));
  }

  @Test
  void theGivenArrayIsNotReordered() {
    String[] variants = VARIANTS.clone();
    DpStepBenchmark.roundOrder(variants, 1);
    assertEquals(List.of(VARIANTS), List.of(variants));
  }
}
