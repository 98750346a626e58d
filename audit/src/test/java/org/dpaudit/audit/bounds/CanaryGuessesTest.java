package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.junit.jupiter.api.Test;

class CanaryGuessesTest {
  private static final BoundParameters P95 = new BoundParameters(0.95, 1e-5);

  @Test
  void commit_fixesTheGuessesFromScoresAlone() {
    double[] scores = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    GuessCounts rule = new GuessCounts(4, 2);
    CanaryGuesses g = CanaryGuesses.commit(scores, List.of(rule), ScoreBoundsTest.stream("c"));
    assertArrayEquals(new int[] {9, 8, 7, 6}, g.guessedIn(rule));
    assertArrayEquals(new int[] {1, 0}, g.guessedOut(rule));
    // Two different inclusions are counted against the same committed guesses.
    boolean[] a = {false, false, true, true, false, true, false, true, true, true};
    boolean[] b = {true, true, false, false, false, false, true, false, false, false};
    assertEquals(new OneRunCounts(10, 6, 5), g.bound(a, P95, BoundMethod.ONE_RUN).oneRun());
    assertEquals(new OneRunCounts(10, 6, 1), g.bound(b, P95, BoundMethod.ONE_RUN).oneRun());
  }

  @Test
  void sameAsCanaryAudit_forTheSameTieBreakStream() {
    RandomGenerator rng = ScoreBoundsTest.stream("same");
    int m = 500;
    double[] scores = new double[m];
    boolean[] in = new boolean[m];
    for (int i = 0; i < m; i++) {
      in[i] = rng.nextBoolean();
      scores[i] = Math.round((in[i] ? 1.5 : 0) + ScoreBoundsTest.normal(rng)); // rounded: many ties
    }
    List<GuessCounts> rules = GuessCounts.grid(m);
    EpsilonLowerBound viaAudit = CanaryAudit.bound(scores, in, rules, P95, ScoreBoundsTest.stream("ties"));
    EpsilonLowerBound viaCommit = CanaryGuesses.commit(scores, rules, ScoreBoundsTest.stream("ties"))
        .bound(in, P95, BoundMethod.ONE_RUN);
    assertEquals(viaAudit, viaCommit);
  }

  @Test
  void maxAchievable_isTheBoundWithEveryGuessRight_andNoOutcomeBeatsIt() {
    int m = 200;
    List<GuessCounts> rules = GuessCounts.grid(m);
    double[] scores = new double[m];
    boolean[] in = new boolean[m];
    for (int i = 0; i < m; i++) {
      in[i] = i % 2 == 0;
      scores[i] = in[i] ? 1 : 0; // perfectly separated
    }
    CanaryGuesses g = CanaryGuesses.commit(scores, rules, ScoreBoundsTest.stream("perfect"));
    EpsilonLowerBound max = g.maxAchievable(P95, BoundMethod.ONE_RUN);
    assertEquals(new OneRunCounts(200, 200, 200), max.oneRun());
    assertEquals(OneRunBound.epsilon(new OneRunCounts(200, 200, 200), 1e-5, 0.05 / rules.size()), max.epsilon(), 0);
    assertEquals(max.epsilon(), g.bound(in, P95, BoundMethod.ONE_RUN).epsilon(), 0);
    boolean[] flipped = in.clone();
    flipped[0] = false;
    assertTrue(g.bound(flipped, P95, BoundMethod.ONE_RUN).epsilon() < max.epsilon());
  }

  @Test
  void grid_isFixedBySizeAlone() {
    assertEquals(List.of(new GuessCounts(10, 10), new GuessCounts(20, 20), new GuessCounts(50, 50),
        new GuessCounts(100, 100), new GuessCounts(10, 0), new GuessCounts(20, 0), new GuessCounts(50, 0)),
        GuessCounts.grid(200));
    assertEquals(List.of(new GuessCounts(1, 1), new GuessCounts(1, 0)), GuessCounts.grid(2));
    assertEquals(List.of(new GuessCounts(1, 0)), GuessCounts.grid(1));
    for (int m = 1; m < 300; m++) {
      for (GuessCounts g : GuessCounts.grid(m)) {
        assertTrue(g.total() <= m && g.positive() >= 1, m + ": " + g);
      }
    }
    assertThrows(InvalidInputException.class, () -> GuessCounts.grid(0));
  }

  @Test
  void unknownRule_andWrongLength_areRejected() {
    CanaryGuesses g = CanaryGuesses.commit(new double[] {1, 2, 3}, List.of(new GuessCounts(1, 1)),
        ScoreBoundsTest.stream("x"));
    assertThrows(InvalidInputException.class, () -> g.guessedIn(new GuessCounts(2, 0)));
    assertEquals("scores and inclusion flags must have the same length; got 3 scores and 2 flags",
        assertThrows(InvalidInputException.class, () -> g.bound(new boolean[2], P95, BoundMethod.ONE_RUN)).getMessage());
  }
}
