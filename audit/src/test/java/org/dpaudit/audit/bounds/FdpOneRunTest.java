package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.PrivacyProfile;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

/** The f-DP one-run test with general curves: (eps, delta), Gaussian, and an accountant's profile. */
class FdpOneRunTest {
  @Test
  void epsilonDeltaCurve_isTheTwoLinesOfApproximateDp() {
    TradeoffCurve c = TradeoffCurve.epsilonDelta(1, 0.01);
    assertEquals(0, c.inverseBlowUp(0.005), 0, "within delta: free");
    assertEquals(Math.exp(-1) * (0.5 - 0.01), c.inverseBlowUp(0.5), 1e-15);
    assertEquals(1 - 0.01 - Math.E * (1 - 0.999), c.inverseBlowUp(0.999), 1e-12);
  }

  @Test
  void epsilonDeltaBound_isAboutSteinkesOrTighter_onTheSameGuesses() {
    for (int m : new int[] {100, 1000, 20000}) {
      for (int k : new int[] {10, m / 20, m / 4, m / 2}) {
        for (double p : new double[] {0.55, 0.7, 0.9, 1.0}) {
          OneRunCounts c = new OneRunCounts(m, k, (int) Math.round(p * k));
          double steinke = OneRunBound.epsilon(c, 1e-5, 0.05);
          double fdp = FdpOneRun.epsilonDelta(c, 1e-5, 0.05);
          // within 15% everywhere (a little looser at middling accuracy, e.g. 18 of 25)
          assertTrue(fdp >= 0.85 * steinke - 1e-6, c + ": f-DP " + fdp + " vs Steinke " + steinke);
        }
      }
    }
  }

  @Test
  void inTheWhiteBoxRegime_fdpIsTighter() {
    // a few confident guesses among many canaries: 190 of 230 on 20000 (the demo's DP-SGD audit)
    OneRunCounts c = new OneRunCounts(20000, 230, 190);
    double steinke = OneRunBound.epsilon(c, 1e-5, 0.04);
    double fdp = FdpOneRun.epsilonDelta(c, 1e-5, 0.04);
    assertTrue(fdp > steinke, "f-DP " + fdp + " vs Steinke " + steinke);
  }

  @Test
  void pureDp_allowsDeltaZero() {
    OneRunCounts c = new OneRunCounts(1000, 100, 95);
    double pure = FdpOneRun.epsilonDelta(c, 0, 0.05);
    assertTrue(pure > FdpOneRun.epsilonDelta(c, 1e-3, 0.05), "delta buys the mechanism room");
    assertTrue(pure > 1.5, "95 of 100 right: " + pure);
  }

  @Test
  void noCorrectGuess_rejectsNothing() {
    assertEquals(0, FdpOneRun.epsilonDelta(new OneRunCounts(1000, 100, 0), 1e-5, 0.05), 0);
    assertFalse(FdpOneRun.rejects(TradeoffCurve.epsilonDelta(0, 1e-5), new OneRunCounts(1000, 100, 50), 0.05),
        "half right is chance");
  }

  @Test
  void profileEnvelope_equalsTheMaximumOverItsLines() {
    PrivacyProfile p = new PldAccountant().profile(new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.1,
        new DpEvent.Gaussian(1.5)), 50), 1e-14, 500);
    TradeoffCurve env = TradeoffCurve.of(p);
    RandomGenerator rng = Randomness.seeded(1).stream("y");
    for (int t = 0; t < 2000; t++) {
      double y = rng.nextDouble();
      double brute = 0;
      for (int i = 0; i < p.size(); i++) {
        brute = Math.max(brute, TradeoffCurve.epsilonDelta(p.epsilon(i), p.delta(i)).inverseBlowUp(y));
      }
      assertEquals(brute, env.inverseBlowUp(y), 1e-12, "at y " + y);
    }
  }

  @Test
  void gaussianProfileCurve_isCloseToTheGdpCurve() {
    double sigma = 1.2;
    TradeoffCurve fromProfile = TradeoffCurve.of(new PldAccountant().profile(new DpEvent.Gaussian(sigma), 1e-14, 4000));
    TradeoffCurve gdp = TradeoffCurve.gaussian(1 / sigma);
    for (double y : new double[] {1e-4, 0.01, 0.1, 0.3, 0.5, 0.8}) {
      double a = fromProfile.inverseBlowUp(y);
      double b = gdp.inverseBlowUp(y);
      assertTrue(a <= b + 1e-12, "the profile's curve is below the exact one (a weaker claim): " + a + " vs " + b);
      assertEquals(b, a, 0.02 * b + 1e-6, "at y " + y);
    }
  }

  @Test
  void rejection_isMonotoneInTheClaim() {
    OneRunCounts c = new OneRunCounts(5000, 200, 180);
    List<Boolean> r = new ArrayList<>();
    for (double e = 0; e < 6; e += 0.25) {
      r.add(FdpOneRun.rejects(TradeoffCurve.epsilonDelta(e, 1e-5), c, 0.05));
    }
    int firstFalse = r.indexOf(false);
    assertTrue(firstFalse > 0);
    assertTrue(r.subList(firstFalse, r.size()).stream().noneMatch(b -> b), "once not rejected, larger eps never is");
  }
}
