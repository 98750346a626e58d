package org.dpaudit.attacks.mia;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.random.RandomGenerator;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

/**
 * Regression locks on the attacks' scoring rules, on fixed synthetic inputs (pure Java, so the
 * same on every machine): a silent change to how LiRA or RMIA turns model outputs into scores
 * (as happened to LiRA's and LeakPro's reference code) fails here. The expected values were
 * produced by this code on 2026-11-23 after the hand-checked cases in LiraAttackTest and
 * RmiaAttackTest passed; they are locks, not references.
 */
class AttackRegressionTest {
  private static double[][] phi(int shadows, int m, RandomGenerator rng) {
    double[][] p = new double[shadows][m];
    for (double[] row : p) {
      for (int i = 0; i < m; i++) {
        row[i] = rng.nextDouble() * 6 - 3;
      }
    }
    return p;
  }

  @Test
  void lira_scoresArePinned() {
    RandomGenerator rng = Randomness.seeded(2026).stream("lira-lock");
    double[][] p = phi(4, 3, rng);
    boolean[][] in = {{true, false, true}, {false, true, false}, {true, true, false}, {false, false, true}};
    double[] observed = {0.5, -1.0, 2.0};
    double[] expected = LOCK_LIRA_ONLINE;
    assertArrayEquals(expected, LiraAttack.score(LiraAttack.Variant.ONLINE, observed, p, in), 1e-12);
    assertArrayEquals(LOCK_LIRA_OFFLINE_FIXED, LiraAttack.score(LiraAttack.Variant.OFFLINE_FIXED_VARIANCE, observed,
        p, in), 1e-12);
  }

  @Test
  void rmia_scoresArePinned() {
    double[] target = {0.9, 0.2, 0.6, 0.5, 0.4, 0.7, 0.3};
    double[][] ref = {{0.5, 0.3, 0.5, 0.4, 0.6, 0.5, 0.5}, {0.7, 0.1, 0.4, 0.6, 0.3, 0.6, 0.2}};
    double[] s = RmiaAttack.scores(target, ref, 0.3, new int[] {0, 1, 2}, new int[] {3, 4, 5, 6}, 1.0);
    assertArrayEquals(LOCK_RMIA, s, 1e-12);
    assertEquals(1.0, s[0], "the most over-confident example beats every population sample");
  }

  // Locks (see the class comment).
  static final double[] LOCK_LIRA_ONLINE = {-38.096721636420966, 1.3309289701868292, 1.7368428039111135};
  static final double[] LOCK_LIRA_OFFLINE_FIXED = {-0.5590712830343548, -1.1485303954684094, 0.43385733192884907};
  static final double[] LOCK_RMIA = {1.0, 0.0, 0.75};
}
