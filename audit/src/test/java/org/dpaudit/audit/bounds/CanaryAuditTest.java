package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.junit.jupiter.api.Test;

class CanaryAuditTest {
  private static final BoundParameters P95 = new BoundParameters(0.95, 1e-5);

  @Test
  void guesses_topForInAndBottomForOut() {
    // 10 canaries: scores 0..9, the top three and the bottom two guessed right, index 6 wrongly "in".
    double[] scores = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    boolean[] in = {false, false, true, true, false, true, false, true, true, true};
    EpsilonLowerBound b = CanaryAudit.bound(scores, in, List.of(new GuessCounts(4, 2)), P95, ScoreBoundsTest.stream("g"));
    assertEquals(new OneRunCounts(10, 6, 5), b.oneRun()); // in-guesses 9,8,7,6 -> 3 right; out-guesses 0,1 -> 2 right
    assertEquals(new GuessCounts(4, 2), b.guessRule());
    assertEquals(ThresholdSelection.FIXED, b.thresholdSelection());
    assertEquals(OneRunBound.bound(new OneRunCounts(10, 6, 5), P95).epsilon(), b.epsilon(), 0);
  }

  @Test
  void severalRules_areBonferroniCorrected() {
    RandomGenerator rng = ScoreBoundsTest.stream("canaries");
    int m = 2000;
    double[] scores = new double[m];
    boolean[] in = new boolean[m];
    for (int i = 0; i < m; i++) {
      in[i] = rng.nextBoolean();
      scores[i] = (in[i] ? 2 : 0) + ScoreBoundsTest.normal(rng);
    }
    List<GuessCounts> rules = List.of(new GuessCounts(20, 20), new GuessCounts(100, 100), new GuessCounts(200, 0));
    EpsilonLowerBound all = CanaryAudit.bound(scores, in, rules, P95, ScoreBoundsTest.stream("t"));
    assertEquals(3, all.tests());
    assertEquals(0.05 / 3, all.levelPerTest(), 1e-15);
    assertEquals(ThresholdSelection.BONFERRONI, all.thresholdSelection());
    EpsilonLowerBound alone = CanaryAudit.bound(scores, in, List.of(all.guessRule()), P95, ScoreBoundsTest.stream("t"));
    assertTrue(all.epsilon() > 1, "a clear signal: " + all.epsilon());
    assertTrue(all.epsilon() < alone.epsilon(), "the search is paid for: " + all.epsilon() + " vs " + alone.epsilon());
    assertEquals(OneRunBound.epsilon(all.oneRun(), 1e-5, 0.05 / 3), all.epsilon(), 0);
  }

  /** A caller whose canaries are sorted by inclusion must not get credit from tied scores. */
  @Test
  void ties_areBrokenAtRandom_notByPosition() {
    int m = 1000;
    double[] scores = new double[m];
    boolean[] in = new boolean[m];
    for (int i = 0; i < m / 2; i++) {
      in[i] = true; // all included canaries first, every score equal
    }
    EpsilonLowerBound b = CanaryAudit.bound(scores, in, List.of(new GuessCounts(300, 300)), P95, ScoreBoundsTest.stream("ties"));
    assertEquals(0, b.epsilon());
    assertTrue(b.oneRun().correct() < 360, "about half right, got " + b.oneRun().correct());
  }

  @Test
  void badInput_isOneLine() {
    RandomGenerator rng = ScoreBoundsTest.stream("bad");
    assertEquals("scores[1] must be a number; got NaN", assertThrows(InvalidInputException.class,
        () -> CanaryAudit.bound(new double[] {1, Double.NaN}, new boolean[2], List.of(new GuessCounts(1, 0)), P95, rng))
        .getMessage());
    assertEquals("a guess rule needs k+ + k- <= canaries = 2; got k+ = 2, k- = 1",
        assertThrows(InvalidInputException.class,
            () -> CanaryAudit.bound(new double[] {1, 2}, new boolean[2], List.of(new GuessCounts(2, 1)), P95, rng))
            .getMessage());
    assertThrows(InvalidInputException.class, () -> CanaryAudit.bound(new double[] {1, 2}, new boolean[2], List.of(), P95, rng));
    assertThrows(InvalidInputException.class, () -> new GuessCounts(-1, 0));
  }
}
