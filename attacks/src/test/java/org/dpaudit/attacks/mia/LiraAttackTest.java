package org.dpaudit.attacks.mia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

class LiraAttackTest {
  @Test
  void shadowSets_putEveryExampleInExactlyHalf_andHaveEqualSizes() {
    int m = 101;
    int[] idx = new int[m];
    boolean[] members = new boolean[m];
    for (int i = 0; i < m; i++) {
      idx[i] = 1000 + i;
    }
    Challenge c = new Challenge(idx, members);
    int[] pool = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    boolean[][] in = new boolean[8][m];
    List<int[]> sets = LiraAttack.shadowSets(c, pool, 55, 8, in, Randomness.seeded(1).stream("t"));
    for (int i = 0; i < m; i++) {
      int count = 0;
      for (int s = 0; s < 8; s++) {
        count += in[s][i] ? 1 : 0;
      }
      assertEquals(4, count, "example " + i);
    }
    Set<Integer> sizes = new HashSet<>();
    for (int s = 0; s < 8; s++) {
      sizes.add(sets.get(s).length);
      int challengeIn = 0;
      for (int e : sets.get(s)) {
        challengeIn += e >= 1000 ? 1 : 0;
      }
      int expected = 0;
      for (int i = 0; i < m; i++) {
        expected += in[s][i] ? 1 : 0;
      }
      assertEquals(expected, challengeIn);
    }
    assertEquals(Set.of(55), sizes, "every set padded to the target's training size");
  }

  @Test
  void onlineScore_isTheGaussianLogLikelihoodRatio() {
    double[] observed = {1.0};
    double[][] phi = {{2.0}, {0.0}, {3.0}, {-1.0}};
    boolean[][] in = {{true}, {false}, {true}, {false}};
    // IN {2, 3}: median 2.5, sd 0.7071; OUT {0, -1}: median -0.5, sd 0.7071
    double sd = Math.sqrt(0.5);
    double expected = LiraAttack.logNormal(1, 2.5, sd) - LiraAttack.logNormal(1, -0.5, sd);
    assertEquals(expected, LiraAttack.score(LiraAttack.Variant.ONLINE, observed, phi, in)[0], 1e-12);
    assertEquals((1 + 0.5) / sd, LiraAttack.score(LiraAttack.Variant.OFFLINE, observed, phi, in)[0], 1e-12);
  }

  @Test
  void primaryVariant_usesFixedVarianceWithFewShadows() {
    assertEquals(LiraAttack.Variant.ONLINE_FIXED_VARIANCE, LiraAttack.primary(16));
    assertEquals(LiraAttack.Variant.ONLINE, LiraAttack.primary(64));
    assertTrue(LiraAttack.median(List.of(3.0, 1.0, 2.0)) == 2.0);
  }
}
