package org.dpaudit.trainers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
