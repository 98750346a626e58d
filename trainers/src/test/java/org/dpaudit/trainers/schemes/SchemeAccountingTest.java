package org.dpaudit.trainers.schemes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.trainers.run.AccountantEpsilons;
import org.dpaudit.trainers.run.RunAccounting;
import org.dpaudit.trainers.schemes.SchemeFixtures.Plan;
import org.junit.jupiter.api.Test;
import org.dpaudit.trainers.schemes.enadpp.RelevanceLaplace;
import org.dpaudit.trainers.schemes.enadpp.RelevanceLaplaceCorrected;

/**
 * What the accountants prove for each scheme's ledger, against values derived by hand on small
 * cases (the derivations are in the comments and in docs/schemes.md).
 */
class SchemeAccountingTest {
  static final double DELTA = 1e-5;
  static final long PARAMS = 1000;

  static PrivacyLedger ledger(DpScheme s, long steps) {
    PrivacyLedger l = PrivacyLedger.empty();
    for (long t = 0; t < steps; t++) {
      l = l.append(s.stepEvent(t));
    }
    return l;
  }

  /**
   * As published, enadpp and adppl record each step as its Laplace noise composed with a non-private
   * release (the data-dependent noise scales). This is the noise part alone: what the step would cost
   * were its scales fixed in advance, the figure the paper's analysis is about.
   */
  static DpEvent noisePart(DpEvent step) {
    DpEvent.Composed c = (DpEvent.Composed) step;
    assertEquals(2, c.events().size());
    assertEquals(new DpEvent.NonPrivate(), c.events().get(1), "the released noise scales are a non-private release");
    return c.events().get(0);
  }

  static PrivacyLedger noiseLedger(DpScheme s, long steps) {
    PrivacyLedger l = PrivacyLedger.empty();
    for (long t = 0; t < steps; t++) {
      l = l.append(noisePart(s.stepEvent(t)));
    }
    return l;
  }

  /**
   * EnADPP as published, no subsampling (|L| = N = 10), gamma = 0.5, C = 2, epsilon = 0.1: the
   * noise scale on the sum is Delta_omega/epsilon = 2 gamma C / (|L| epsilon) = 2, the sum's L1
   * sensitivity is C = 2, so each step is (C / 2) = 1-DP: |L| epsilon / (2 gamma) = 10 times the
   * claim. Three steps: basic composition gives exactly 3; the exact value at delta lies in [3 +
   * ln(1 - 8 delta), 3], because the three losses all equal 1 with probability 1/8.
   */
  @Test
  void enadppAsPublished_eachStepCostsLOverTwoGammaTimesTheClaim_andStepsCompose() {
    Plan plan = new Plan(10, 10, 3, 0.5);
    DpScheme s = SchemeFixtures.scheme("enadpp", 0.1, null, Map.of("clip-l1", "2"), plan, PARAMS);
    assertEquals(new DpEvent.PoissonSampled(1.0, new DpEvent.Laplace(2.0, 2.0)), noisePart(s.stepEvent(0)));
    assertEquals(0.1, s.claim().epsilon());
    assertEquals(Double.POSITIVE_INFINITY, new RunAccounting().account(ledger(s, 3), DELTA).epsilon(),
        "the released scales leave no finite epsilon proven");
    AccountantEpsilons a = new RunAccounting().account(noiseLedger(s, 3), DELTA);
    assertEquals(3.0, a.pureDp().epsilon(), 1e-12);
    assertTrue(a.epsilon() <= 3.0 && a.epsilon() >= 3 + Math.log1p(-8 * DELTA) - 1e-4, "epsilon " + a.epsilon());
    assertEquals(1, s.caveats().size(), "data-dependent noise scales are a caveat");
  }

  /**
   * With Poisson sampling at q = 0.1 (N = 100, E = 10) the same 1-DP step is amplified to ln(1 + q
   * (e - 1)) (Li, Qardaji, Su 2012); five steps compose to five times that by basic composition.
   * The per-step epsilon E epsilon / (2 gamma) does not depend on C: the default C gives it too.
   */
  @Test
  void enadppAsPublished_subsampled_amplifiesEachStep_andCDoesNotMatter() {
    Plan plan = new Plan(100, 10, 5, 0.5);
    DpScheme s = SchemeFixtures.scheme("enadpp", 0.1, null, Map.of("clip-l1", "2"), plan, PARAMS);
    AccountantEpsilons a = new RunAccounting().account(noiseLedger(s, 5), DELTA);
    assertEquals(5 * Math.log1p(0.1 * Math.expm1(1)), a.pureDp().epsilon(), 1e-12);
    assertNull(a.rdp(), "no RDP bound for Poisson-sampled Laplace here");
    assertNotNull(a.pld());
    assertTrue(a.pld().epsilon() <= a.pureDp().epsilon());
    DpEvent.Laplace lap = (DpEvent.Laplace) ((DpEvent.PoissonSampled) noisePart(SchemeFixtures.scheme("enadpp", 0.1,
        null, Map.of(), plan, PARAMS).stepEvent(0))).event();
    assertEquals(1.0, lap.sensitivity() / lap.scale(), 1e-12);
  }

  /** ADPPL's largest share is at most 1, so the same event bounds it (its least-noised coordinate). */
  @Test
  void adpplAsPublished_isBoundedByTheSameEvent() {
    Plan plan = new Plan(10, 10, 3, 0.5);
    DpScheme s = SchemeFixtures.scheme("adppl", 0.1, null, Map.of("clip-l1", "2"), plan, PARAMS);
    assertEquals(new DpEvent.PoissonSampled(1.0, new DpEvent.Laplace(2.0, 2.0)), noisePart(s.stepEvent(0)));
  }

  /**
   * One Laplace release of privacy loss bound e0 has delta(eps) = 1 - exp(-(e0 - eps) / 2) for eps <=
   * e0 (integrate the loss distribution: loss e0 with probability 1/2, (e0 - 2u) for u ~ Exp(1) on
   * [0, e0) below). So the corrected variant with one unsampled step must choose e0 = eps - 2 ln(1 -
   * delta), up to the PLD grid (pessimistic: never above).
   */
  @Test
  void corrected_oneStep_matchesTheLaplaceClosedForm() {
    Plan plan = new Plan(10, 10, 1, 0.5);
    var s = (RelevanceLaplace) SchemeFixtures.scheme("enadpp-corrected", 1.0, null, Map.of(), plan, PARAMS);
    double exact = 1 - 2 * Math.log1p(-DELTA);
    double got = ((RelevanceLaplaceCorrected) s).perStepEpsilon();
    assertTrue(got <= exact + 1e-9 && got >= exact - 2e-3, "per-step epsilon " + got + " vs " + exact);
    assertEquals(new DpEvent.PoissonSampled(1.0, new DpEvent.Laplace(300 / got, 300)), s.stepEvent(0));
    assertTrue(s.caveats().isEmpty());
  }

  @Test
  void corrected_manySubsampledSteps_meetTheTargetTightly() {
    Plan plan = new Plan(6000, 600, 50, 0.1);
    for (String name : new String[] {"enadpp-corrected", "adppl-corrected"}) {
      DpScheme s = SchemeFixtures.scheme(name, 0.8, null, Map.of(), plan, PARAMS);
      double eps = new RunAccounting().account(ledger(s, 50), DELTA).epsilon();
      assertTrue(eps <= 0.8 && eps >= 0.79, name + ": " + eps);
      assertEquals(0.8, s.claim().epsilon());
      assertEquals(DELTA, s.claim().delta());
    }
  }

  /**
   * APPDL without subsampling at sigma = 2 then 1: Gaussian mechanisms compose to one with 1 /
   * sigma^2 = 1/4 + 1, whose exact delta(eps) = Phi(-eps s + 1/(2s)) - e^eps Phi(-eps s - 1/(2s))
   * (Balle and Wang 2018); the PLD accountant reduces it exactly, RDP is looser.
   */
  @Test
  void appdl_twoSigmas_composeToTheGaussianClosedForm() {
    Plan plan = new Plan(10, 10, 2, 0.5);
    DpScheme s = SchemeFixtures.scheme("appdl", null, 2.0,
        Map.of("decay", "time", "decay-rate", "1", "decay-every", "1"), plan, PARAMS);
    AccountantEpsilons a = new RunAccounting().account(ledger(s, 2), DELTA);
    double sigma = 1 / Math.sqrt(0.25 + 1);
    double exact = gaussianEpsilon(sigma, DELTA);
    assertEquals(exact, a.pld().epsilon(), 2e-3);
    assertTrue(a.rdp().epsilon() >= exact);
  }

  @Test
  void appdl_calibratedForATarget_claimsIt_andTheAccountantProvesIt() {
    Plan plan = new Plan(6000, 600, 40, 0.1);
    DpScheme s = SchemeFixtures.scheme("appdl", 1.0, null, Map.of("decay-every", "10"), plan, PARAMS);
    assertEquals(1.0, s.claim().epsilon());
    double rdp = new RunAccounting().account(ledger(s, 40), DELTA).rdp().epsilon();
    assertTrue(rdp <= 1.0 && rdp >= 0.999, "RDP " + rdp);
    assertTrue(((DpSgdScheme) s).noiseMultiplierAt(39) < ((DpSgdScheme) s).noiseMultiplierAt(0), "sigma decays");
  }

  @Test
  void psgd_isDpSgd_underSeed000sName() {
    Plan plan = new Plan(6000, 600, 40, 0.1);
    DpScheme p = SchemeFixtures.scheme("psgd", 1.0, null, Map.of(), plan, PARAMS);
    DpScheme d = SchemeFixtures.scheme("dpsgd", 1.0, null, Map.of(), plan, PARAMS);
    assertEquals(d.noiseMultiplier(), p.noiseMultiplier());
    assertEquals(d.stepEvent(0), p.stepEvent(0));
    assertTrue(p.claim().basis().startsWith("pSGD"));
  }

  /** The eps at which the Gaussian mechanism of multiplier s has exactly delta, by bisection. */
  static double gaussianEpsilon(double s, double delta) {
    NormalDistribution n = NormalDistribution.of(0, 1);
    double lo = 0;
    double hi = 50;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      double d = n.cumulativeProbability(-mid * s + 1 / (2 * s))
          - Math.exp(mid) * n.cumulativeProbability(-mid * s - 1 / (2 * s));
      if (d > delta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }
}
