package org.dpaudit.attacks.mia;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RmiaAttackTest {
  @Test
  void score_isTheFractionOfPopulationSamplesBeaten() {
    // one reference, a = 1: Pr(x) = mean_ref. ratios: x0 = 0.8/0.4 = 2; z: 0.5/0.5 = 1, 0.9/0.3 = 3,
    // 0.2/0.4 = 0.5. LR(x0, z) > 1 for z with ratio < 2: two of three.
    double[] target = {0.8, 0.5, 0.9, 0.2};
    double[][] ref = {{0.4, 0.5, 0.3, 0.4}};
    double[] s = RmiaAttack.scores(target, ref, 1.0, new int[] {0}, new int[] {1, 2, 3}, 1.0);
    assertArrayEquals(new double[] {2.0 / 3}, s, 1e-12);
    // gamma 3: ratio_z < 2/3 only for the last sample
    assertEquals(1.0 / 3, RmiaAttack.scores(target, ref, 1.0, new int[] {0}, new int[] {1, 2, 3}, 3.0)[0], 1e-12);
  }

  @Test
  void offlineApproximation_mixesTheReferenceMeanWithOne() {
    // a = 0: Pr(x) = (mean + 1) / 2
    double[] target = {0.6, 0.6};
    double[][] ref = {{0.2, 1.0}};
    // ratio x = 0.6/0.6 = 1, ratio z = 0.6/1.0 = 0.6 -> beaten
    assertEquals(1.0, RmiaAttack.scores(target, ref, 0.0, new int[] {0}, new int[] {1}, 1.0)[0], 1e-12);
  }

  @Test
  void lowerCount_countsStrictlySmaller() {
    double[] a = {1, 2, 2, 3};
    assertEquals(0, RmiaAttack.lowerCount(a, 1));
    assertEquals(1, RmiaAttack.lowerCount(a, 2));
    assertEquals(3, RmiaAttack.lowerCount(a, 3));
    assertEquals(4, RmiaAttack.lowerCount(a, 10));
  }
}
