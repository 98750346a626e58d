package org.dpaudit.trainers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's rounds: the ABBA order that keeps position effects out of the ratios, and the untimed lead-in step. */
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

  @Test
  void eachVariantOpensItsRoundWithOneUntimedStep_thenTheTimedOnes_thenEndsIt() {
    List<String> calls = new ArrayList<>();
    List<DpStepBenchmark.RoundStep> order = new ArrayList<>();
    for (String name : new String[] {"np", "dp"}) {
      order.add(new DpStepBenchmark.RoundStep() {
        @Override
        public void step(long step, boolean timed) {
          calls.add(name + (timed ? " timed " : " untimed ") + step);
        }

        @Override
        public void endRound() {
          calls.add(name + " end");
        }
      });
    }
    DpStepBenchmark.runRound(order, 20, 2);
    assertEquals(List.of("np untimed 20", "np timed 21", "np timed 22", "np end",
        "dp untimed 20", "dp timed 21", "dp timed 22", "dp end"), calls);
  }

  /**
   * Each round's ratio is of that round's two medians (an outlier step inside a round does not move
   * it), and the rounds' least, median and greatest are reported; a slow round for both variants
   * leaves its ratio alone.
   */
  @Test
  void roundRatios_areOfEachRoundsMedians() {
    List<Double> plain = List.of(10.0, 10.0, 50.0, 20.0, 20.0, 21.0, 5.0, 5.0, 5.0);
    List<Double> dp = List.of(12.0, 90.0, 12.0, 22.0, 22.0, 22.0, 7.0, 6.5, 6.0);
    DpStepBenchmark.RoundRatios r = DpStepBenchmark.roundRatios(dp, plain, 3);
    assertEquals(1.1, r.min(), 1e-12);
    assertEquals(1.2, r.median(), 1e-12);
    assertEquals(1.3, r.max(), 1e-12);
    assertEquals(3, r.byRound().size());
    assertEquals(1.1, r.byRound().get(1), 1e-12); // in the order run
  }

  @Test
  void roundRatios_refuseStepsThatAreNotWholeRounds() {
    assertThrows(IllegalArgumentException.class,
        () -> DpStepBenchmark.roundRatios(List.of(1.0, 2.0), List.of(1.0, 2.0, 3.0), 1));
    assertThrows(IllegalArgumentException.class,
        () -> DpStepBenchmark.roundRatios(List.of(1.0, 2.0, 3.0), List.of(1.0, 2.0, 3.0), 2));
    assertThrows(IllegalArgumentException.class, () -> DpStepBenchmark.roundRatios(List.of(), List.of(), 1));
  }
}
