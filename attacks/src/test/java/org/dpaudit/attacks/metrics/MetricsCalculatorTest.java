package org.dpaudit.attacks.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.attack.AttackMetrics;
import org.dpaudit.core.artifact.attack.RocCurve;
import org.dpaudit.core.artifact.attack.TprAtFpr;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

class MetricsCalculatorTest {
  private static MembershipScores scores(double[] s, boolean[] m) {
    return new MembershipScores("t", new int[s.length], s, m);
  }

  @Test
  void handComputedCase_rocAucAndBalancedAccuracy() {
    // members 0.9, 0.7; non-members 0.8, 0.6. Pairs (m > n): (0.9>0.8), (0.9>0.6), (0.7>0.6) = 3 of 4.
    AttackMetrics m = MetricsCalculator.compute(scores(new double[] {0.9, 0.8, 0.7, 0.6},
        new boolean[] {true, false, true, false}));
    assertEquals(0.75, m.auc(), 1e-12);
    List<RocCurve.Point> pts = m.roc().points();
    assertEquals(5, pts.size());
    assertEquals(0.0, pts.get(1).fpr());
    assertEquals(0.5, pts.get(1).tpr());
    assertEquals(0.5, pts.get(2).fpr());
    assertEquals(0.5, pts.get(2).tpr());
    // best threshold 0.9: TPR 0.5, TNR 1 -> 0.75; threshold 0.7: TPR 1, TNR 0.5 -> 0.75
    assertEquals(0.75, m.balancedAccuracy(), 1e-12);
    assertEquals(0.5, m.tprAtFpr().get("0.001").tpr());
  }

  @Test
  void ties_countOneHalf_andMoveTogether() {
    // all four tied: AUC 1/2; the only non-trivial point is (1, 1)
    AttackMetrics m = MetricsCalculator.compute(scores(new double[] {1, 1, 1, 1},
        new boolean[] {true, false, true, false}));
    assertEquals(0.5, m.auc(), 1e-12);
    assertEquals(2, m.roc().points().size());
    assertEquals(0.0, m.tprAtFpr().get("0.1").tpr(), "a tie with a non-member cannot be taken at FPR 0.1");
    // member 2 and non-member 1 tied above a member: pairs: (m1=2 vs n=2) 1/2, (m2=0 vs n=2) 0 -> AUC 1/4
    AttackMetrics t = MetricsCalculator.compute(scores(new double[] {2, 2, 0}, new boolean[] {true, false, true}));
    assertEquals(0.25, t.auc(), 1e-12);
  }

  @Test
  void tprAtFpr_usesTheBestThresholdWithinTheFprBudget_withClopperPearsonBounds() {
    double[] s = new double[200];
    boolean[] in = new boolean[200];
    for (int i = 0; i < 100; i++) {
      s[i] = 1000 + i;       // members: top 100
      in[i] = true;
      s[100 + i] = i;        // non-members below
    }
    s[100] = 2000;           // one non-member above every member
    AttackMetrics m = MetricsCalculator.compute(scores(s, in));
    TprAtFpr at1 = m.tprAtFpr().get("0.01");
    assertEquals(1.0, at1.tpr(), 1e-12, "one false positive of 100 is within 1%");
    assertEquals(0.01, at1.achievedFpr(), 1e-12);
    assertEquals(0.0, m.tprAtFpr().get("0.001").tpr(), 1e-12);
    // Clopper-Pearson one-sided 95% lower bound for 100/100 is 0.05^(1/100) = 0.97049...
    assertEquals(Math.pow(0.05, 0.01), at1.tprLower(), 1e-9);
    assertEquals(1.0, at1.tprUpper());
  }

  @Test
  void randomScores_giveAucNearOneHalf_withinItsInterval() {
    // 40 seeded repetitions of 2000 random scores: the 95% interval covers 1/2 in most; the vote
    // (at least 34 of 40) fails only with probability < 1e-4 if the interval is right.
    RandomGenerator rng = Randomness.seeded(11).stream("auc");
    int covered = 0;
    for (int rep = 0; rep < 40; rep++) {
      double[] s = new double[2000];
      boolean[] m = new boolean[2000];
      for (int i = 0; i < s.length; i++) {
        s[i] = rng.nextDouble();
        m[i] = i % 2 == 0;
      }
      AttackMetrics a = MetricsCalculator.compute(scores(s, m));
      if (a.aucLower() <= 0.5 && 0.5 <= a.aucUpper()) {
        covered++;
      }
      assertTrue(Math.abs(a.auc() - 0.5) < 0.05, "AUC " + a.auc());
    }
    assertTrue(covered >= 34, covered + " of 40 intervals covered 1/2");
  }

  @Test
  void oneClassOnly_isAnError() {
    assertThrows(InvalidInputException.class,
        () -> MetricsCalculator.compute(scores(new double[] {1, 2}, new boolean[] {true, true})));
  }

  @Test
  void nanScores_areRejected() {
    assertThrows(InvalidInputException.class,
        () -> scores(new double[] {1, Double.NaN}, new boolean[] {true, false}));
  }
}
